package io.ddc.parsers;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@link KeyValueParser#parse(String)} found: every entry in input order, and for each key the
 * value of its <em>last</em> entry, as with {@link java.util.Properties} or a shell that sources the
 * lines. Earlier values of a repeated key stay in {@link #entries()} and {@link #all(String)}.
 * Immutable and thread-safe.
 */
public final class KeyValues {
    private final String[] keys;
    private final String[] values;
    private final long[] lines;
    private final int size;
    private final List<ParseProblem> problems;
    /**
     * Built at the {@value #SCANNED_LOOKUPS}th lookup: parsing costs no hashing, and the first few
     * lookups scan the keys, which costs less than hashing them all (a post-collector typically reads
     * a few keys of each output).
     */
    private volatile @Nullable KeyIndex index;
    /** Lookups so far; racy increments only move the moment the index is built. */
    private int lookups;
    private static final int SCANNED_LOOKUPS = 3;

    private KeyValues(Collector collector, List<ParseProblem> problems) {
        int held = collector.size;
        // the collector's first guess may have been far too large: keep at most twice what is used
        boolean trim = collector.keys.length > 2 * held + 16;
        this.keys = trim ? Arrays.copyOf(collector.keys, held) : collector.keys;
        this.values = trim ? Arrays.copyOf(collector.values, held) : collector.values;
        this.lines = trim ? Arrays.copyOf(collector.lines, held) : collector.lines;
        this.size = held;
        this.problems = Collections.unmodifiableList(problems);
    }

    private KeyIndex index() {
        KeyIndex built = index;
        if (built == null) {
            // a race builds it twice, harmlessly: the arrays it reads never change
            built = new KeyIndex(keys, size);
            index = built;
        }
        return built;
    }

    /** @return the number of the key's last entry, or -1 */
    private int lastEntry(String key) {
        Objects.requireNonNull(key, "key");
        KeyIndex built = index;
        if (built == null && lookups++ < SCANNED_LOOKUPS) {
            for (int i = size - 1; i >= 0; i--) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        return (built == null ? index() : built).last(key);
    }

    private @Nullable String last(String key) {
        int at = lastEntry(key);
        return at < 0 ? null : values[at];
    }

    /**
     * Returns the value of a key.
     *
     * @param key the key, as it appears trimmed in the input (case matters)
     * @return the value of the key's last entry, or empty if no line has the key
     */
    public Optional<String> text(String key) {
        return Optional.ofNullable(last(key));
    }

    /**
     * Returns the value of a key that must be there.
     *
     * @param key the key
     * @return the value of the key's last entry
     * @throws NoSuchElementException if no line has the key, e.g. {@code no key "MemAvailable" among 42 keys}
     */
    public String require(String key) {
        String value = last(key);
        if (value == null) {
            throw new NoSuchElementException("no key " + Texts.excerpt(key) + " among " + index().distinct() + " keys");
        }
        return value;
    }

    /**
     * Returns the whole number a value starts with: its first word, digits with an optional sign
     * and an optional {@code %}; what follows the first blank, such as a unit, is ignored
     * ({@code "16318332 kB"} gives 16318332, {@code "100%"} gives 100).
     *
     * @param key the key
     * @return the number, or empty if no line has the key or its value is empty
     * @throws NumberFormatException if the value does not start with a whole number that fits a
     *     long, e.g. {@code value of "Temperature" on line 3 does not start with a whole number: "n/a"}
     */
    public OptionalLong longValue(String key) {
        int at = lastEntry(key);
        if (at < 0) {
            return OptionalLong.empty();
        }
        return Texts.leadingLong(values[at], "value of " + Texts.excerpt(key) + " on line " + lines[at]);
    }

    /**
     * Returns all values a key was given.
     *
     * @param key the key
     * @return its values in input order, empty if no line has the key
     */
    public List<String> all(String key) {
        Objects.requireNonNull(key, "key");
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                found.add(values[i]);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** @return the distinct keys, in the order of their first appearance */
    public Set<String> keys() {
        return new Keys();
    }

    /** @return each key with its last value, in the order of the keys' first appearance (unmodifiable) */
    public Map<String, String> asMap() {
        return new AsMap();
    }

    /** @return every entry in input order, repeated keys included */
    public List<KeyValue> entries() {
        return new Entries();
    }

    /** @return the lines that were skipped and why, in input order; empty for a clean input */
    public List<ParseProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "KeyValues[" + index().distinct() + " keys, " + size + " entries, " + problems.size() + " problems]";
    }

    private final class Entries extends AbstractList<KeyValue> implements RandomAccess {
        @Override
        public KeyValue get(int index) {
            Objects.checkIndex(index, size);
            return new KeyValue(keys[index], values[index], lines[index]);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private final class Keys extends AbstractSet<String> {
        @Override
        public boolean contains(Object key) {
            return index().last(key) >= 0;
        }

        @Override
        public Iterator<String> iterator() {
            KeyIndex keyIndex = index();
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < keyIndex.distinct();
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return keys[keyIndex.first(next++)];
                }
            };
        }

        @Override
        public int size() {
            return index().distinct();
        }
    }

    private final class AsMap extends AbstractMap<String, String> {
        @Override
        public @Nullable String get(Object key) {
            int at = index().last(key);
            return at < 0 ? null : values[at];
        }

        @Override
        public boolean containsKey(Object key) {
            return index().last(key) >= 0;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    Iterator<String> keyIterator = keys().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return keyIterator.hasNext();
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            String key = keyIterator.next();
                            return new AbstractMap.SimpleImmutableEntry<>(key, values[index().last(key)]);
                        }
                    };
                }

                @Override
                public int size() {
                    return index().distinct();
                }
            };
        }
    }

    /** Gathers the entries of one parse in growing arrays, without an object per entry. */
    static final class Collector implements KeyValueParser.Sink {
        private String[] keys;
        private String[] values;
        private long[] lines;
        private int size;

        /** @param expected how many entries are likely, to save copies as the arrays grow */
        Collector(int expected) {
            int capacity = Math.max(16, expected);
            keys = new String[capacity];
            values = new String[capacity];
            lines = new long[capacity];
        }

        @Override
        public void entry(String key, String value, long line) {
            if (size == keys.length) {
                int capacity = size * 2;
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
                lines = Arrays.copyOf(lines, capacity);
            }
            keys[size] = key;
            values[size] = value;
            lines[size] = line;
            size++;
        }

        KeyValues result(List<ParseProblem> problems) {
            return new KeyValues(this, problems);
        }
    }
}
