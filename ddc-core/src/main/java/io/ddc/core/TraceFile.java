package io.ddc.core;

import io.ddc.TraceLine;
import io.ddc.files.TraceReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends trace lines to one probe's trace file: each line is written with a single append and
 * forced to disk before the iteration is reported, so a crash leaves at worst one partial last line,
 * which {@link #repairTail(Path)} cuts off on the next start.
 */
final class TraceFile {
    private static final Logger LOG = LoggerFactory.getLogger(TraceFile.class);

    private TraceFile() {}

    /**
     * Appends one line and forces it to disk.
     *
     * @throws IOException naming the file
     */
    static void append(Path file, TraceLine line) throws IOException {
        append(ChannelOpener.DEFAULT, file, line);
    }

    /**
     * Appends one line with a single write and forces it to disk. If the write fails part way (a
     * full disk), the file is cut back to its previous length, so it still ends with a whole line.
     *
     * @param channels opens the file
     * @throws IOException naming the file
     */
    static void append(ChannelOpener channels, Path file, TraceLine line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line.format() + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long before = channel.size();
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            } catch (IOException e) {
                cutBack(channel, file, before, e);
                throw e;
            }
        } catch (IOException e) {
            throw new IOException("cannot append to trace file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Undoes a partial append, best effort: a failure is added to {@code cause} and logged. */
    static void cutBack(FileChannel channel, Path file, long length, IOException cause) {
        try {
            if (channel.size() > length) {
                channel.truncate(length);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.warn("cannot cut {} back to {} bytes after a failed write: {}; the next start will", file, length,
                    e.toString());
        }
    }

    /**
     * Cuts a partial last line (no {@code \n}) left by a crash, so that the next line starts on a
     * line of its own, and logs what was cut.
     *
     * @return the number of bytes cut
     * @throws IOException if the file cannot be read or truncated
     */
    static long repairTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = TraceReader.lengthOfCompleteLines(channel, size);
            if (keep < size) {
                channel.truncate(keep);
                channel.force(true);
                LOG.warn("trace file {}: cut back to the end of its last complete line, {} bytes kept and {} bytes cut"
                        + " (a partial last line left by an interrupted write)", file, keep, size - keep);
            }
            return size - keep;
        }
    }

}
