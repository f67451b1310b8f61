package io.ddc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One line of a probe's trace file: the outcome of one iteration for that probe. Immutable.
 *
 * <p>The textual form is exact, whatever the default locale:
 *
 * <pre>
 * &lt;iteration id&gt;|&lt;#succeeded&gt;|&lt;#failed&gt;|&lt;#unavailable&gt;|&lt;%succeeded&gt;|&lt;seconds&gt;|&lt;succeeded list&gt;|&lt;failed list&gt;|&lt;unavailable list&gt;|
 * 1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,|
 * </pre>
 *
 * <p>{@code %succeeded} is 100 × succeeded / (succeeded + failed + unavailable) and {@code seconds}
 * the iteration's wall-clock time, both with one decimal, rounded half up, {@code .} as separator; a
 * list is each name followed by a comma, and an empty list is a single space.
 *
 * <p>To parse many lines, such as a whole trace file, use one {@link #parser()}: it shares the
 * names between the lines and is faster than {@link #parse(String)}.
 *
 * @param iterationId the iteration
 * @param elapsed the iteration's wall-clock duration (a parsed line keeps tenths of a second)
 * @param succeeded targets where the probe SUCCEEDED, in pool order
 * @param failed targets where it FAILED
 * @param unavailable targets that were UNAVAILABLE
 */
public record TraceLine(long iterationId, Duration elapsed, List<String> succeeded, List<String> failed,
        List<String> unavailable) {

    private static final int FIELDS = 9;

    /**
     * At most this many distinct names are shared by one {@link Parser}, so that a hostile file cannot
     * grow it without limit; names beyond are allocated for each line.
     */
    static final int MAX_SHARED_NAMES = 65_536;

    /**
     * Copies the lists and checks the components. The lists of a line made by a {@link Parser} are
     * immutable and checked already, so they are kept as they are.
     *
     * @param iterationId the iteration
     * @param elapsed the iteration's wall-clock duration (a parsed line keeps tenths of a second)
     * @param succeeded targets where the probe SUCCEEDED, in pool order
     * @param failed targets where it FAILED
     * @param unavailable targets that were UNAVAILABLE
     * @throws IllegalArgumentException if the elapsed time is negative or a name is empty or
     *     contains {@code ,}, {@code |} or whitespace
     */
    public TraceLine {
        if (iterationId < 0) {
            throw new IllegalArgumentException("iteration id must not be negative, got " + iterationId);
        }
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        }
        succeeded = checkedNames(succeeded, "succeeded");
        failed = checkedNames(failed, "failed");
        unavailable = checkedNames(unavailable, "unavailable");
    }

    private static List<String> checkedNames(List<String> names, String list) {
        if (names instanceof CheckedNames) {
            // made by a Parser, which checked every name, and immutable: nothing to copy or check
            return names;
        }
        List<String> copy = List.copyOf(Objects.requireNonNull(names, list));
        for (String name : copy) {
            if (name.isEmpty() || !isListable(name)) {
                throw new IllegalArgumentException("bad name in the " + list + " list: '" + name + "'");
            }
        }
        return copy;
    }

    private static boolean isListable(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isListable(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A name in a list may hold neither a separator nor anything a line-based reader would split on. */
    static boolean isListable(char c) {
        if (c < 128) {
            // what the checks below refuse in ASCII is the controls, the space and DEL
            return c > ' ' && c != 127 && c != ',' && c != '|';
        }
        return !(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
    }

    /** @return succeeded + failed + unavailable */
    public int total() {
        return succeeded.size() + failed.size() + unavailable.size();
    }

    /** @return 100 × succeeded / total, or 0 when the total is 0 */
    public double percentSucceeded() {
        return total() == 0 ? 0 : 100.0 * succeeded.size() / total();
    }

    /**
     * Returns the exact textual form, without the line terminator.
     *
     * @return the line
     */
    public String format() {
        long percentTenths = percentTenths(succeeded.size(), total());
        long secondsTenths = (elapsed.toMillis() + 50) / 100;
        StringBuilder line = new StringBuilder(64 + 16 * total());
        line.append(iterationId).append('|')
                .append(succeeded.size()).append('|')
                .append(failed.size()).append('|')
                .append(unavailable.size()).append('|');
        appendTenths(line, percentTenths).append('|');
        appendTenths(line, secondsTenths).append('|');
        appendList(line, succeeded).append('|');
        appendList(line, failed).append('|');
        appendList(line, unavailable).append('|');
        return line.toString();
    }

    private static long percentTenths(int succeeded, int total) {
        return total == 0 ? 0 : (2000L * succeeded + total) / (2L * total);
    }

    private static StringBuilder appendTenths(StringBuilder out, long tenths) {
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static StringBuilder appendList(StringBuilder out, List<String> names) {
        if (names.isEmpty()) {
            return out.append(' ');
        }
        for (String name : names) {
            out.append(name).append(',');
        }
        return out;
    }

    /**
     * Parses the textual form (without line terminator), checking that the counts and the
     * percentage agree with the lists. To parse many lines, use one {@link #parser()}.
     *
     * @param line one line of a trace file
     * @return the trace line
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static TraceLine parse(String line) {
        return parser().parse(line);
    }

    /**
     * Returns a new parser, to parse the lines of one file (or any other lines) in turn.
     *
     * @return a parser that shares no names yet
     */
    public static Parser parser() {
        return new Parser();
    }

    /**
     * Parses trace lines like {@link TraceLine#parse(String)}, with the same checks and messages, and
     * shares one {@code String} per distinct name across all the lines it parses: a trace file names
     * the same targets on every line, so a known name costs neither an allocation nor a check, and the
     * lines a caller keeps share their names. It shares up to 65,536 distinct names and allocates any
     * further ones for each line. The lists of a parsed line are immutable.
     *
     * <p>Not thread-safe: it reuses its buffers from line to line. Use one per file or per thread.
     *
     * <pre>{@code
     * TraceLine.Parser parser = TraceLine.parser();
     * List<TraceLine> lines = new ArrayList<>();
     * for (String text : Files.readAllLines(Path.of("ddc-data/lab/loadavg.trace"))) {
     *     lines.add(parser.parse(text));
     * }
     * }</pre>
     */
    public static final class Parser {
        /** Lookups stop after this many slots, so that colliding names cost a bounded time. */
        private static final int MAX_PROBES = 16;
        private static final int FIRST_TABLE_SIZE = 64;
        /** Reads eight bytes of a line at once. */
        private static final VarHandle WORDS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long COMMAS = 0x2C2C_2C2C_2C2C_2C2CL;
        private static final long ONES = 0x0101_0101_0101_0101L;
        private static final long HIGHS = 0x8080_8080_8080_8080L;
        private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;
        /** Names up to this length are looked up by their two first words, with the length in the top byte. */
        private static final int SHORT = 15;
        /** A name's two first words are read whole, even past the end of the line. */
        private static final int PADDING = 16;

        private final int[] bars = new int[FIELDS];
        /** The line being parsed, one byte per character, followed by PADDING bytes. */
        private byte[] bytes = new byte[256];
        /** The names of the list being parsed. */
        private String[] names = new String[64];
        /** The length of the last short name read from {@link #bytes}, the next one's likely length. */
        private int length = 1;
        /** The bytes of the first and of the second word that are within a name of {@link #length}. */
        private long firstMask = 0xFF;
        private long secondMask;
        /** The top byte of the second word of a name of {@link #length}. */
        private long lengthTag = 1L << 56;

        // The shared names in Latin-1 and without '?': an open-addressing hash table with linear
        // probing, at most half full, looked up by their bytes so that a known name allocates nothing.
        private @Nullable String[] shared = new String[FIRST_TABLE_SIZE];
        /**
         * Per slot, the name's two first words: for a short name zero-padded and with the length in
         * the top byte (from 1 to SHORT, while the top byte of a long name is a listable character);
         * a long name also needs {@link #longNames}.
         */
        private long[] words = new long[2 * FIRST_TABLE_SIZE];
        /** Per slot, all the bytes of a name longer than SHORT, else null. */
        private byte[][] longNames = new byte[FIRST_TABLE_SIZE][];
        /** Per slot, the hash of the name, for the table to grow. */
        private int[] hashes = new int[FIRST_TABLE_SIZE];
        /** 32 - log2(table size): a slot is the top bits of a hash. */
        private int shift = Integer.numberOfLeadingZeros(FIRST_TABLE_SIZE) + 1;
        private int tableCount;
        /** The other shared names, rare: those outside Latin-1 or with a '?', which may stand for such a character. */
        private final Map<String, String> otherNames = new HashMap<>();

        private Parser() {}

        /**
         * Parses the textual form (without line terminator), checking that the counts and the
         * percentage agree with the lists.
         *
         * @param line one line of a trace file
         * @return the trace line
         * @throws IllegalArgumentException saying what is wrong with the line
         */
        public TraceLine parse(String line) {
            Objects.requireNonNull(line, "line");
            int[] bars = this.bars;
            int start = 0;
            for (int i = 0; i < FIELDS; i++) {
                int bar = line.indexOf('|', start);
                if (bar < 0) {
                    throw new IllegalArgumentException("trace line has " + i + " fields, expected " + FIELDS);
                }
                bars[i] = bar;
                start = bar + 1;
            }
            if (start != line.length()) {
                throw new IllegalArgumentException("trace line has text after its last '|'");
            }
            // one byte per character and '?' for one outside Latin-1, so the positions are the line's,
            // unless a character outside the BMP (two chars, one '?') makes it shorter
            byte[] latin1 = line.getBytes(StandardCharsets.ISO_8859_1);
            boolean byBytes = latin1.length == start;
            if (byBytes) {
                if (bytes.length < start + PADDING) {
                    bytes = new byte[Math.max(start + PADDING, 2 * bytes.length)];
                }
                System.arraycopy(latin1, 0, bytes, 0, start);
            }
            long id = parseNumber(line, 0, bars[0], "iteration id");
            List<String> succeeded = parseList(line, bars[5] + 1, bars[6], "succeeded", byBytes);
            List<String> failed = parseList(line, bars[6] + 1, bars[7], "failed", byBytes);
            List<String> unavailable = parseList(line, bars[7] + 1, bars[8], "unavailable", byBytes);
            checkCount(line, bars[0] + 1, bars[1], succeeded, "#succeeded", "succeeded");
            checkCount(line, bars[1] + 1, bars[2], failed, "#failed", "failed");
            checkCount(line, bars[2] + 1, bars[3], unavailable, "#unavailable", "unavailable");
            long percent = parseTenths(line, bars[3] + 1, bars[4], "%succeeded");
            long expectedPercent = percentTenths(succeeded.size(),
                    succeeded.size() + failed.size() + unavailable.size());
            if (percent != expectedPercent) {
                throw new IllegalArgumentException("trace line says " + line.substring(bars[3] + 1, bars[4])
                        + "% succeeded, its lists give " + appendTenths(new StringBuilder(), expectedPercent));
            }
            long secondsTenths = parseTenths(line, bars[4] + 1, bars[5], "seconds");
            return new TraceLine(id, Duration.ofMillis(secondsTenths * 100), succeeded, failed, unavailable);
        }

        /** Parses the field {@code [from, to)} of the line. */
        private static long parseNumber(String line, int from, int to, String what) {
            if (from == to || to - from > 19) {
                throw new IllegalArgumentException("bad " + what + " '" + line.substring(from, to) + "'");
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("bad " + what + " '" + line.substring(from, to) + "'");
                }
                value = value * 10 + (c - '0');
                if (value < 0) {
                    throw new IllegalArgumentException("bad " + what + " '" + line.substring(from, to)
                            + "': too large");
                }
            }
            return value;
        }

        private static long parseTenths(String line, int from, int to, String what) {
            int dot = to - 2;
            if (dot < from + 1 || line.charAt(dot) != '.') {
                throw new IllegalArgumentException("bad " + what + " '" + line.substring(from, to)
                        + "': expected one decimal");
            }
            return parseNumber(line, from, dot, what) * 10 + parseNumber(line, dot + 1, to, what);
        }

        private static void checkCount(String line, int from, int to, List<String> names, String field,
                String what) {
            long count = parseNumber(line, from, to, field);
            if (count != names.size()) {
                throw new IllegalArgumentException("trace line counts " + count + " " + what + " but lists "
                        + names.size());
            }
        }

        private List<String> parseList(String line, int from, int to, String what, boolean byBytes) {
            if (to - from == 1 && line.charAt(from) == ' ') {
                return CheckedNames.EMPTY;
            }
            if (from == to || line.charAt(to - 1) != ',') {
                throw new IllegalArgumentException("bad " + what + " list '" + line.substring(from, to)
                        + "': expected names each followed by ',' or a single space");
            }
            int count = byBytes ? bytesNames(line, from, to, what) : stringNames(line, from, to, what);
            return count < 0 ? uncheckedList(line, from, to, what) : new CheckedNames(Arrays.copyOf(names, count));
        }

        /**
         * Puts the names of the list {@code [from, to)} in {@link #names}, reading {@link #bytes}.
         *
         * @return their number, or -1 if one is not listable
         */
        private int bytesNames(String line, int from, int to, String what) {
            byte[] bytes = this.bytes;
            int count = 0;
            for (int start = from; start < to; ) {
                // The names of a file mostly have one length: a known name of the last one's length
                // followed by a ',' is the name here, found without searching for the ','.
                int end = start + length;
                @Nullable String name = null;
                if (end < to && bytes[end] == ',') {
                    name = shortName((long) WORDS.get(bytes, start) & firstMask,
                            (long) WORDS.get(bytes, start + 8) & secondMask | lengthTag);
                }
                if (name == null) {
                    // the list ends with a ',', so this stops inside it
                    end = start;
                    long commas;
                    while ((commas = commas((long) WORDS.get(bytes, end))) == 0) {
                        end += 8;
                    }
                    end += Long.numberOfTrailingZeros(commas) >>> 3;
                    if (end == start) {
                        throw emptyName(line, from, to, what);
                    }
                    name = latin1Name(line, start, end);
                    if (name == null) {
                        return -1;
                    }
                }
                add(count++, name);
                start = end + 1;
            }
            return count;
        }

        /** Like {@link #bytesNames}, for a line whose bytes are not its characters. */
        private int stringNames(String line, int from, int to, String what) {
            int count = 0;
            for (int start = from; start < to; ) {
                int comma = line.indexOf(',', start);
                if (comma == start) {
                    throw emptyName(line, from, to, what);
                }
                String name = sharedName(line.substring(start, comma));
                if (name == null) {
                    return -1;
                }
                add(count++, name);
                start = comma + 1;
            }
            return count;
        }

        private void add(int index, String name) {
            if (index == names.length) {
                names = Arrays.copyOf(names, 2 * index);
            }
            names[index] = name;
        }

        /** The high bit of each byte of the word that is a ',' is set (and maybe of later bytes: look at the first). */
        private static long commas(long word) {
            long x = word ^ COMMAS;
            return (x - ONES) & ~x & HIGHS;
        }

        /** The first {@code length} bytes (at most 8) of the word, the others zero. */
        private static long firstBytes(long word, int length) {
            return length >= 8 ? word : word & ((1L << (length << 3)) - 1);
        }

        private static int hash(long first, long second) {
            return (int) (((first ^ Long.rotateLeft(second, 29)) * MULTIPLIER) >>> 32);
        }

        private static IllegalArgumentException emptyName(String line, int from, int to, String what) {
            return new IllegalArgumentException("bad " + what + " list '" + line.substring(from, to) + "': empty name");
        }

        /**
         * Splits a list that holds a bad name into plain substrings, which the constructor refuses
         * with its own message, after its own earlier checks and those of the other fields.
         */
        private static List<String> uncheckedList(String line, int from, int to, String what) {
            List<String> names = new ArrayList<>();
            for (int start = from; start < to; ) {
                int comma = line.indexOf(',', start);
                if (comma == start) {
                    throw emptyName(line, from, to, what);
                }
                names.add(line.substring(start, comma));
                start = comma + 1;
            }
            return names;
        }

        /** Returns the shared name of at most SHORT bytes with these words (as in {@link #words}), or null. */
        private @Nullable String shortName(long first, long second) {
            long[] words = this.words;
            int mask = shared.length - 1;
            int slot = hash(first, second) >>> shift;
            for (int probe = 0; probe < MAX_PROBES; probe++) {
                long slotFirst = words[2 * slot];
                if (slotFirst == first && words[2 * slot + 1] == second) {
                    // null for a free slot if first is 0 (a name has no NUL)
                    return shared[slot];
                }
                if (slotFirst == 0) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            return null;
        }

        /**
         * Returns the name at {@code [start, end)} of the text whose characters {@link #bytes} holds,
         * which has no ',': the shared one if it is known, else a new one if it is listable (shared if
         * there is room), else null.
         */
        private @Nullable String latin1Name(String text, int start, int end) {
            byte[] bytes = this.bytes;
            int length = end - start;
            long first = firstBytes((long) WORDS.get(bytes, start), length);
            long second = length <= 8 ? 0 : firstBytes((long) WORDS.get(bytes, start + 8), length - 8);
            int hash;
            if (length <= SHORT) {
                // the next name likely has this length
                this.length = length;
                firstMask = firstBytes(-1L, length);
                secondMask = length <= 8 ? 0 : firstBytes(-1L, length - 8);
                lengthTag = (long) length << 56;
                second |= lengthTag;
                hash = hash(first, second);
                String name = shortName(first, second);
                if (name != null) {
                    return name;
                }
            } else {
                long rest = 0;
                for (int i = start + 16; i < end; i += 8) {
                    rest = (rest ^ firstBytes((long) WORDS.get(bytes, i), end - i)) * MULTIPLIER;
                }
                hash = hash(first, second ^ rest);
                int mask = shared.length - 1;
                for (int probe = 0, slot = hash >>> shift; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
                    byte[] longName = longNames[slot];
                    if (longName != null && words[2 * slot] == first && words[2 * slot + 1] == second
                            && Arrays.equals(longName, 16, longName.length, bytes, start + 16, end)) {
                        return shared[slot];
                    }
                    if (shared[slot] == null) {
                        break;
                    }
                }
            }
            for (int i = start; i < end; i++) {
                if (bytes[i] == '?') {
                    return otherName(text.substring(start, end));
                }
                if (!isListable((char) (bytes[i] & 0xFF))) {
                    return null;
                }
            }
            String name = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
            if (tableCount + otherNames.size() < MAX_SHARED_NAMES) {
                if (2 * (tableCount + 1) > shared.length) {
                    grow();
                }
                if (share(name, hash, first, second, length <= SHORT ? null : Arrays.copyOfRange(bytes, start, end))) {
                    tableCount++;
                }
            }
            return name;
        }

        /** Looks up a name of a line whose bytes are not its characters. */
        private @Nullable String sharedName(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c > 0xFF || c == '?') {
                    return otherName(name);
                }
            }
            if (bytes.length < name.length() + PADDING) {
                bytes = new byte[name.length() + PADDING];
            }
            byte[] latin1 = name.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(latin1, 0, bytes, 0, latin1.length);
            return latin1Name(name, 0, latin1.length);
        }

        private @Nullable String otherName(String name) {
            String known = otherNames.get(name);
            if (known != null) {
                return known;
            }
            if (!isListable(name)) {
                return null;
            }
            if (tableCount + otherNames.size() < MAX_SHARED_NAMES) {
                otherNames.put(name, name);
            }
            return name;
        }

        /** Puts a name in a free slot near its hash's, if there is one. */
        private boolean share(String name, int hash, long first, long second, byte @Nullable [] longName) {
            int mask = shared.length - 1;
            for (int probe = 0, slot = hash >>> shift; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
                if (shared[slot] == null) {
                    shared[slot] = name;
                    words[2 * slot] = first;
                    words[2 * slot + 1] = second;
                    longNames[slot] = longName;
                    hashes[slot] = hash;
                    return true;
                }
            }
            return false;
        }

        private void grow() {
            @Nullable String[] oldShared = shared;
            long[] oldWords = words;
            byte[][] oldLongNames = longNames;
            int[] oldHashes = hashes;
            int size = 2 * oldShared.length;
            shared = new String[size];
            words = new long[2 * size];
            longNames = new byte[size][];
            hashes = new int[size];
            shift--;
            tableCount = 0;
            for (int i = 0; i < oldShared.length; i++) {
                String name = oldShared[i];
                if (name != null && share(name, oldHashes[i], oldWords[2 * i], oldWords[2 * i + 1], oldLongNames[i])) {
                    tableCount++;
                }
            }
        }
    }

    /**
     * An immutable list of names that a {@link Parser} has checked, which the constructor therefore
     * neither copies nor checks again. Only a parser makes one, and it never lets go of the array.
     */
    private static final class CheckedNames extends AbstractList<String> implements RandomAccess {
        static final CheckedNames EMPTY = new CheckedNames(new String[0]);

        private final String[] names;

        CheckedNames(String[] names) {
            this.names = names;
        }

        @Override
        public String get(int index) {
            return names[Objects.checkIndex(index, names.length)];
        }

        @Override
        public int size() {
            return names.length;
        }

        // every mutator refuses, like those of List.of, even when it would change nothing

        @Override
        public boolean add(String name) {
            throw refused();
        }

        @Override
        public void add(int index, String name) {
            throw refused();
        }

        @Override
        public boolean addAll(Collection<? extends String> more) {
            throw refused();
        }

        @Override
        public boolean addAll(int index, Collection<? extends String> more) {
            throw refused();
        }

        @Override
        public String set(int index, String name) {
            throw refused();
        }

        @Override
        public String remove(int index) {
            throw refused();
        }

        @Override
        public boolean remove(@Nullable Object name) {
            throw refused();
        }

        @Override
        public boolean removeAll(Collection<?> names) {
            throw refused();
        }

        @Override
        public boolean retainAll(Collection<?> names) {
            throw refused();
        }

        @Override
        public boolean removeIf(Predicate<? super String> filter) {
            throw refused();
        }

        @Override
        public void replaceAll(UnaryOperator<String> operator) {
            throw refused();
        }

        @Override
        public void sort(@Nullable Comparator<? super String> order) {
            throw refused();
        }

        @Override
        public void clear() {
            throw refused();
        }

        @Override
        protected void removeRange(int from, int to) {
            throw refused();
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("trace line lists are immutable");
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
