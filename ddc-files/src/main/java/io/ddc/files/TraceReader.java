package io.ddc.files;

import io.ddc.TraceLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a probe's trace file back into {@link TraceLine}s, streaming, for offline analysis.
 *
 * <p>A reader never fails on damage: a partial last line (left by a crash during a write) and any
 * line that does not parse are skipped and reported with their line number. Thread-safe (no state).
 *
 * <pre>{@code
 * List<TraceLine> lines = TraceReader.readAll(Path.of("ddc-data/lab/loadavg.trace"));
 * }</pre>
 */
public final class TraceReader {
    private static final int MAX_LINE = 64 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(TraceReader.class);

    private TraceReader() {}

    /**
     * Streams the lines of a trace file.
     *
     * @param file the trace file
     * @param lines receives each well-formed line, in file order
     * @param problems receives one message per skipped line, e.g.
     *     {@code "x.trace line 7: trace line has 3 fields, expected 9"}
     * @return the number of lines passed to {@code lines}
     * @throws IOException if the file cannot be read
     */
    public static long read(Path file, Consumer<TraceLine> lines, Consumer<String> problems) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(problems, "problems");
        boolean torn;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            torn = lengthOfCompleteLines(channel, size) < size;
        }
        // one parser per file: the lines of a file share their names
        TraceLine.Parser parser = TraceLine.parser();
        long good = 0;
        long lineNumber = 0;
        // an InputStreamReader replaces malformed bytes instead of throwing: damage is reported per line
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            // one line of look-ahead: the last line is parsed only if the file ends with a newline
            String previous = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (previous != null && parse(parser, file, previous, lineNumber, lines, problems)) {
                    good++;
                }
                previous = line;
                lineNumber++;
            }
            if (previous != null) {
                if (torn) {
                    problems.accept(file + " line " + lineNumber + ": partial last line of " + previous.length()
                            + " characters (an interrupted write) skipped");
                } else if (parse(parser, file, previous, lineNumber, lines, problems)) {
                    good++;
                }
            }
        }
        return good;
    }

    private static boolean parse(TraceLine.Parser parser, Path file, String line, long lineNumber,
            Consumer<TraceLine> lines, Consumer<String> problems) {
        try {
            lines.accept(parser.parse(line));
            return true;
        } catch (IllegalArgumentException e) {
            problems.accept(file + " line " + lineNumber + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Reads every well-formed line; skipped lines are logged as warnings.
     *
     * @param file the trace file
     * @return the lines, in file order
     * @throws IOException if the file cannot be read
     */
    public static List<TraceLine> readAll(Path file) throws IOException {
        List<TraceLine> lines = new ArrayList<>();
        read(file, lines::add, problem -> LOG.warn("{}", problem));
        return lines;
    }

    /**
     * Returns the last complete line, without its newline.
     *
     * @param file the trace file
     * @return the line, or empty if the file does not exist or holds no complete line
     * @throws IOException if the file cannot be read
     */
    public static Optional<String> lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = lengthOfCompleteLines(channel, channel.size());
            if (end == 0) {
                return Optional.empty();
            }
            long start = lengthOfCompleteLines(channel, end - 1);
            if (end - 1 - start > MAX_LINE) {
                throw new IOException(file + ": the last line is longer than " + MAX_LINE + " bytes");
            }
            ByteBuffer line = ByteBuffer.allocate((int) (end - 1 - start));
            while (line.hasRemaining()) {
                if (channel.read(line, start + line.position()) < 0) {
                    throw new IOException("file shrank while reading");
                }
            }
            return Optional.of(new String(line.array(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Returns the length of the complete lines of a file: the offset just after its last
     * {@code \n}, read backwards from {@code size}.
     *
     * @param channel the file, open for reading
     * @param size where to start looking back
     * @return 0 if there is no complete line
     * @throws IOException if the file cannot be read
     */
    public static long lengthOfCompleteLines(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - buffer.capacity());
            buffer.clear().limit((int) (end - start));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    throw new IOException("file shrank while reading");
                }
            }
            for (int i = (int) (end - start) - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
