package io.ddc.parsers;

/**
 * Finds the last entry of a key among parsed entries: an open-addressing table of entry numbers,
 * without a node or boxed integer per key, and the keys' first entries in input order.
 */
final class KeyIndex {
    private final String[] keys;
    /** Per slot, 1 + the number of the last entry with the slot's key; 0 for an empty slot. */
    private final int[] slots;
    private final int mask;
    private final int shift;
    /** The number of the first entry of each distinct key, in input order. */
    private final int[] firsts;
    private final int distinct;

    KeyIndex(String[] keys, int size) {
        this.keys = keys;
        int capacity = Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
        int[] first = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            String key = keys[i];
            int slot = slot(key.hashCode());
            for (;;) {
                int held = slots[slot];
                if (held == 0) {
                    slots[slot] = i + 1;
                    first[count++] = i;
                    break;
                }
                if (keys[held - 1].equals(key)) {
                    slots[slot] = i + 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        this.firsts = first;
        this.distinct = count;
    }

    /** Fibonacci hashing: the top bits of the product, so that keys like "name1", "name2" spread out. */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** @return the number of the last entry with {@code key}, or -1 */
    int last(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int slot = slot(key.hashCode());
        for (;;) {
            int held = slots[slot];
            if (held == 0) {
                return -1;
            }
            if (keys[held - 1].equals(key)) {
                return held - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** @return the number of distinct keys */
    int distinct() {
        return distinct;
    }

    /** @return the number of the first entry of the {@code n}th distinct key */
    int first(int n) {
        return firsts[n];
    }
}
