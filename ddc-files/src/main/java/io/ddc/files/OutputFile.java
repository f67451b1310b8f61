package io.ddc.files;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Outcome;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The format of the cumulative output files {@code <target>/<probe>.stdout} and {@code .stderr},
 * and a reader that splits them back into executions.
 *
 * <p>Each execution is one record: a header line, the output's bytes exactly as emitted, and one
 * {@code \n}:
 *
 * <pre>
 * #ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=4.612 failure=- bytes=27 reason=-
 * &lt;27 bytes&gt;
 * #ddc1 iteration=1081948450 outcome=FAILED exit=- elapsed=0.003 failure=COULD_NOT_START bytes=0 reason=could%20not%20start%20smartctl:%20No%20such%20file
 * &lt;0 bytes&gt;
 * </pre>
 *
 * <p>Fields, always in this order, separated by one space: {@code iteration} (the iteration id),
 * {@code outcome} (SUCCEEDED, FAILED or UNAVAILABLE), {@code exit} (the exit code, or {@code -}),
 * {@code elapsed} (seconds with three decimals, {@code .} as separator), {@code failure} (a
 * {@link Failure.Kind} or {@code -}), {@code bytes} (the length of the output that follows),
 * {@code reason} (why the execution failed or the target was unavailable, {@code -} for none). The
 * length makes the format binary-safe: a reader never looks inside the output.
 *
 * <p>The reason is escaped so that the header stays one line of printable ASCII without spaces:
 * it is encoded in UTF-8, and every byte that is not a printable ASCII character other than
 * {@code %} (0x21 to 0x7E), is written {@code %XX}, in upper-case hexadecimal, as in a URL. A reason
 * that is exactly {@code -} is written {@code %2D}. A reason longer than
 * {@value #MAX_REASON_LENGTH} characters is cut there and ends with {@code …}. Headers written before
 * the {@code reason} field existed (seven fields) are still read, with an empty reason.
 *
 * <p>Thread-safe (no state).
 */
public final class OutputFile {
    /** How every header starts: the format's magic word. */
    public static final String MAGIC = "#ddc1";
    /** How every header starts. */
    private static final String HEADER_START = MAGIC + " iteration=";
    /** The longest reason kept in a header, in characters, before escaping. */
    public static final int MAX_REASON_LENGTH = 500;
    /** How many unescaped reasons {@link #index(Path)} keeps while it reads one file. */
    private static final int MAX_REASONS_KEPT = 1024;
    /** Fits the other fields and a reason of {@link #MAX_REASON_LENGTH} characters, escaped. */
    private static final int MAX_HEADER_LENGTH = 256 + 3 * 4 * MAX_REASON_LENGTH;

    private OutputFile() {}

    /**
     * One execution found in an output file.
     *
     * @param iterationId the iteration
     * @param outcome the outcome
     * @param exitCode the exit code, if the program ran to completion
     * @param elapsed the execution's wall-clock time (millisecond precision)
     * @param failure the kind of failure, if any
     * @param reason why the execution failed or the target was unavailable, unescaped; empty for a
     *     success, and for a record written before headers had a reason
     * @param offset where the output's bytes start in the file
     * @param length how many bytes of output follow the header
     */
    public record Record(long iterationId, Outcome outcome, OptionalInt exitCode, Duration elapsed,
            Optional<Failure.Kind> failure, String reason, long offset, long length) {
        /**
         * Checks the components.
         *
         * @param iterationId the iteration
         * @param outcome the outcome
         * @param exitCode the exit code, if the program ran to completion
         * @param elapsed the execution's wall-clock time (millisecond precision)
         * @param failure the kind of failure, if any
         * @param reason why the execution failed or the target was unavailable, unescaped; empty for a
         *     success, and for a record written before headers had a reason
         * @param offset where the output's bytes start in the file
         * @param length how many bytes of output follow the header
         */
        public Record {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(exitCode, "exitCode");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What {@link #index(Path)} found.
     *
     * @param records the complete records, in file order
     * @param validLength the length of the file up to the end of the last complete record
     * @param fileLength the file's length
     * @param problem what is wrong after {@code validLength}, if anything (a record torn by a crash,
     *     a damaged header)
     */
    public record Index(List<Record> records, long validLength, long fileLength, Optional<String> problem) {
        /**
         * Copies the list.
         *
         * @param records the complete records, in file order
         * @param validLength the length of the file up to the end of the last complete record
         * @param fileLength the file's length
         * @param problem what is wrong after {@code validLength}, if anything (a record torn by a crash,
         *     a damaged header)
         */
        public Index {
            records = List.copyOf(records);
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Returns the header line (with its {@code \n}) that precedes a result's output: what the
     * engine writes before the output's bytes and one {@code \n}.
     *
     * @param result the result
     * @param length the number of output bytes that follow
     * @return the line, US-ASCII
     */
    public static byte[] header(ExecutionResult result, long length) {
        long millis = result.elapsed().toMillis();
        StringBuilder line = new StringBuilder(96)
                .append(MAGIC)
                .append(" iteration=").append(result.iterationId())
                .append(" outcome=").append(result.outcome().name())
                .append(" exit=");
        if (result.exitCode().isPresent()) {
            line.append(result.exitCode().getAsInt());
        } else {
            line.append('-');
        }
        line.append(" elapsed=").append(millis / 1000).append('.');
        long fraction = millis % 1000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction)
                .append(" failure=").append(result.failure().map(f -> f.kind().name()).orElse("-"))
                .append(" bytes=").append(length)
                .append(" reason=");
        Optional<Failure> failure = result.failure();
        if (failure.isPresent()) {
            escapeReason(failure.get().message(), line);
        } else {
            line.append('-');
        }
        line.append('\n');
        return line.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends {@code reason} as the header's {@code reason} field holds it (see the class comment). */
    static void escapeReason(String reason, StringBuilder to) {
        if (reason.equals("-")) {
            to.append("%2D");
            return;
        }
        String kept = reason;
        if (kept.length() > MAX_REASON_LENGTH) {
            int end = MAX_REASON_LENGTH;
            if (Character.isHighSurrogate(kept.charAt(end - 1))) {
                end--;
            }
            kept = kept.substring(0, end) + "\u2026";
        }
        PercentEncoding.encode(kept, "", to);
    }

    /**
     * Reads a {@code reason} field back.
     *
     * @throws IllegalArgumentException if it holds a character, an escape or bytes the writer never
     *     makes
     */
    static String unescapeReason(String field) {
        if (field.equals("-")) {
            return "";
        }
        try {
            return PercentEncoding.decode(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in header field 'reason'", e);
        }
    }

    /**
     * Reads the headers of an output file, skipping the outputs, and stops at the first record that
     * is incomplete or damaged (reported, never thrown).
     *
     * @param file a {@code .stdout} or {@code .stderr} file
     * @return the complete records and what, if anything, follows them
     * @throws IOException if the file cannot be read
     */
    public static Index index(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return index(file, 0);
    }

    /** Indexes the records from {@code start}, which must be where a record begins. */
    private static Index index(Path file, long start) throws IOException {
        List<Record> records = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
        long fileLength = Files.size(file);
        long position = start;
        try (HeaderReader in = new HeaderReader(Files.newInputStream(file))) {
            in.skip(Math.min(start, fileLength));
            while (position < fileLength) {
                String header = in.readLine();
                if (header == null) {
                    return damaged(records, position, fileLength, "incomplete header");
                }
                Record record;
                try {
                    record = parseHeader(header, position + header.length() + 1, reasons);
                } catch (IllegalArgumentException e) {
                    return damaged(records, position, fileLength, Objects.requireNonNullElse(e.getMessage(), "bad header"));
                }
                long present = Math.max(0, fileLength - record.offset());
                if (record.length() > present) {
                    return damaged(records, position, fileLength, "output cut short: " + record.length()
                            + " bytes announced, " + present + " present");
                }
                if (record.length() == present) {
                    return damaged(records, position, fileLength, "no newline after the output");
                }
                long end = record.offset() + record.length() + 1;
                in.skip(record.length());
                if (in.read() != '\n') {
                    return damaged(records, position, fileLength, "no newline after the output");
                }
                records.add(record);
                position = end;
            }
        }
        return new Index(records, position, fileLength, Optional.empty());
    }

    /**
     * Tells whether a chain of complete records starts somewhere after {@code damage} and runs to
     * the end of the file: then the damage is in the middle of the file, and cutting the file back
     * to it would throw away good records. Only damaged files are searched, so the cost (a read of
     * the bytes after the damage, and an index from each line that starts like a header) does not
     * matter.
     *
     * @param file a {@code .stdout} or {@code .stderr} file
     * @param damage where {@link #index(Path)} found damage
     * @return the offset where that chain starts, or -1 if nothing complete follows the damage
     * @throws IOException if the file cannot be read
     */
    public static long goodRecordsAfter(Path file, long damage) throws IOException {
        byte[] magic = HEADER_START.getBytes(StandardCharsets.US_ASCII);
        long fileLength = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(Math.min(damage, fileLength));
            long position = damage;
            int previous = -1;
            int matched = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (matched >= 0) {
                    matched = b == magic[matched] ? matched + 1 : -1;
                    if (matched == magic.length) {
                        long candidate = position - magic.length + 1;
                        Index rest = index(file, candidate);
                        if (rest.problem().isEmpty() && !rest.records().isEmpty()) {
                            return candidate;
                        }
                        matched = -1;
                    }
                }
                if (previous == '\n' && b == magic[0] && position > damage) {
                    matched = 1;
                }
                previous = b;
                position++;
            }
        }
        return -1;
    }

    private static Index damaged(List<Record> records, long validLength, long fileLength, String what) {
        return new Index(records, validLength, fileLength, Optional.of(what + " at byte " + validLength + " ("
                + (fileLength - validLength) + " bytes after the last complete record)"));
    }

    /**
     * Copies the output of one record.
     *
     * @param file the file the record was read from
     * @param record the record
     * @param out where to copy the bytes
     * @throws IOException if the file cannot be read or is shorter than the record says
     */
    public static void copyOutput(Path file, Record record, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(record.offset());
            InputStream in = Channels.newInputStream(channel);
            byte[] buffer = new byte[1 << 16];
            long left = record.length();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + ": the record at byte " + record.offset() + " is cut short");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /**
     * Returns the output of one record as bytes; for outputs that fit in memory.
     *
     * @param file the file the record was read from
     * @param record the record
     * @return the bytes
     * @throws IOException if the file cannot be read or is shorter than the record says
     */
    public static byte[] readOutput(Path file, Record record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(record.length(), 1 << 20));
        copyOutput(file, record, out);
        return out.toByteArray();
    }

    /**
     * Reads a file front to back through one buffer, for {@link #index(Path, long)}: header lines
     * are found by scanning the buffer, outputs are skipped by moving in it or seeking past it, so
     * no call is made per byte. Not thread-safe.
     */
    private static final class HeaderReader implements AutoCloseable {
        /** Much longer than a header, so that one always fits after the buffer is compacted. */
        private static final int BUFFER_SIZE = 1 << 16;
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private int position;
        private int limit;

        HeaderReader(InputStream in) {
            this.in = in;
        }

        /**
         * Makes at least {@code wanted} bytes (at most the buffer's size) available from the
         * position, unless the file ends first.
         *
         * @return how many bytes are available from the position
         */
        private int fill(int wanted) throws IOException {
            if (limit - position >= wanted) {
                return limit - position;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            while (limit < wanted) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
            return limit;
        }

        /** @return the next byte, or -1 at the end of the file */
        int read() throws IOException {
            if (position == limit && fill(1) == 0) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        /** Skips {@code n} bytes, which the caller knows are there. */
        void skip(long n) throws IOException {
            int buffered = limit - position;
            if (n <= buffered) {
                position += (int) n;
            } else {
                position = 0;
                limit = 0;
                in.skipNBytes(n - buffered);
            }
        }

        /**
         * Reads a header line, without its newline; stops early, returning what it read, as soon
         * as the line no longer starts like a header (NUL bytes left by a crash, stray output), so
         * that damage is named as such rather than read to the length limit. A line with no
         * newline within the limit is returned cut there.
         *
         * @return the line (each byte one character), or null if the file ends before a newline
         */
        @Nullable String readLine() throws IOException {
            int longest = MAX_HEADER_LENGTH + 1;
            int available = fill(longest);
            int start = position;
            int end = start + Math.min(available, longest);
            for (int i = start; i < end; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    position = i + 1;
                    return new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
                }
                int column = i - start;
                if (column < HEADER_START.length() && b != HEADER_START.charAt(column)) {
                    position = i + 1;
                    return new String(buffer, start, i + 1 - start, StandardCharsets.ISO_8859_1);
                }
            }
            if (available < longest) {
                return null;
            }
            position = end;
            return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * Reads one header line (without its newline).
     *
     * @param header the line
     * @param offset where the output that follows it starts in the file
     * @return the record it describes
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static Record parseHeader(String header, long offset) {
        return parseHeader(header, offset, new HashMap<>());
    }

    /**
     * Reads one header line, with the reasons already unescaped in this file: a target that is
     * off gives the same reason in every record.
     */
    private static Record parseHeader(String header, long offset, Map<String, String> reasons) {
        String[] fields = fields(header);
        // seven fields: a header written before the reason was stored
        if (fields.length < 7 || !fields[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a record header");
        }
        long iteration = number(fields[1], "iteration");
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(value(fields[2], "outcome"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome in header", e);
        }
        String exit = fields[3];
        int exitStart = valueStart(exit, "exit");
        OptionalInt exitCode = OptionalInt.empty();
        if (!(exit.length() == exitStart + 1 && exit.charAt(exitStart) == '-')) {
            long code = parse(exit, exitStart, exit.length(), "exit");
            if (code != (int) code) {
                throw new IllegalArgumentException("bad number in header field 'exit': '" + exit.substring(exitStart)
                        + "'");
            }
            exitCode = OptionalInt.of((int) code);
        }
        String elapsed = fields[4];
        int elapsedStart = valueStart(elapsed, "elapsed");
        int dot = elapsed.indexOf('.', elapsedStart);
        if (dot < elapsedStart + 1 || elapsed.length() - dot != 4) {
            throw new IllegalArgumentException("bad elapsed in header");
        }
        long millis = parse(elapsed, elapsedStart, dot, "elapsed") * 1000
                + parse(elapsed, dot + 1, elapsed.length(), "elapsed");
        String failure = value(fields[5], "failure");
        Optional<Failure.Kind> kind;
        try {
            kind = failure.equals("-") ? Optional.empty() : Optional.of(Failure.Kind.valueOf(failure));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown failure kind in header", e);
        }
        long length = number(fields[6], "bytes");
        if (length < 0 || iteration < 0) {
            throw new IllegalArgumentException("negative number in header");
        }
        String reason = "";
        if (fields.length == 8) {
            String field = fields[7];
            valueStart(field, "reason");
            @Nullable String known = reasons.get(field);
            if (known == null) {
                known = unescapeReason(value(field, "reason"));
                if (reasons.size() >= MAX_REASONS_KEPT) {
                    reasons.clear();
                }
                reasons.put(field, known);
            }
            reason = known;
        }
        return new Record(iteration, outcome, exitCode, Duration.ofMillis(millis), kind, reason, offset, length);
    }

    /**
     * Splits a header at each space, as {@code split(" ", -1)} would, without a regular expression
     * or a list per line.
     *
     * @throws IllegalArgumentException if it has more than eight fields
     */
    private static String[] fields(String header) {
        String[] fields = new String[8];
        int count = 0;
        int from = 0;
        while (true) {
            if (count == fields.length) {
                throw new IllegalArgumentException("not a record header");
            }
            int space = header.indexOf(' ', from);
            if (space < 0) {
                fields[count++] = header.substring(from);
                return count == fields.length ? fields : Arrays.copyOf(fields, count);
            }
            fields[count++] = header.substring(from, space);
            from = space + 1;
        }
    }

    private static long number(String field, String key) {
        return parse(field, valueStart(field, key), field.length(), key);
    }

    /** Parses the decimal number in {@code text} from {@code start} to {@code end}, without copying it. */
    private static long parse(String text, int start, int end, String key) {
        try {
            return Long.parseLong(text, start, end, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in header field '" + key + "': '"
                    + text.substring(start, end) + "'", e);
        }
    }

    private static String value(String field, String key) {
        return field.substring(valueStart(field, key));
    }

    /**
     * @return where the value of {@code field}, {@code key=value}, starts
     * @throws IllegalArgumentException if the field is not {@code key} with a value
     */
    private static int valueStart(String field, String key) {
        if (!field.startsWith(key) || field.length() <= key.length() || field.charAt(key.length()) != '=') {
            throw new IllegalArgumentException("header field '" + key + "' missing");
        }
        return key.length() + 1;
    }
}
