package io.ddc.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the trace files of an experiment folder ({@link io.ddc.files.ExperimentFolder} finds them)
 * for a report: each one gzip-compressed within a byte budget, and its last line. Reads only the first {@code length}
 * bytes of a file, the length seen when the report started, so that what the body says and what is
 * attached agree even while the engine appends.
 */
final class TraceFiles {
    /** How far from its end a file is searched for its last line. */
    static final int TAIL_WINDOW = 64 * 1024;

    private TraceFiles() {}

    /**
     * Compresses the first {@code length} bytes of a file (fewer if it shrank).
     *
     * @return the gzip bytes, or null if they would be more than {@code limit}; memory use stays
     *     within the limit
     */
    static byte @Nullable [] gzip(Path file, long length, long limit) throws IOException {
        LimitedBuffer buffer = new LimitedBuffer(limit);
        try (InputStream in = Files.newInputStream(file);
                GZIPOutputStream gzip = new GZIPOutputStream(buffer, 64 * 1024)) {
            byte[] chunk = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (read < 0) {
                    break;
                }
                gzip.write(chunk, 0, read);
                left -= read;
            }
            gzip.finish();
        } catch (OverLimit e) {
            return null;
        }
        return buffer.toByteArray();
    }

    /**
     * Returns the last complete line (ended by {@code \n}) of the first {@code length} bytes of a
     * file, without its line break, or a text in parentheses that says why there is none.
     */
    static String lastLine(Path file, long length) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long end = Math.min(length, channel.size());
            int window = (int) Math.min(end, TAIL_WINDOW);
            ByteBuffer tail = ByteBuffer.allocate(window);
            channel.position(end - window);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read the whole window
            }
            byte[] bytes = tail.array();
            int last = lastNewline(bytes, tail.position() - 1);
            if (last < 0) {
                return window == end ? "(no line yet)" : "(longer than " + TAIL_WINDOW / 1024 + " KiB: see the attachment)";
            }
            int before = lastNewline(bytes, last - 1);
            if (before < 0 && window < end) {
                return "(longer than " + TAIL_WINDOW / 1024 + " KiB: see the attachment)";
            }
            int stop = last > 0 && bytes[last - 1] == '\r' ? last - 1 : last;
            return new String(bytes, before + 1, Math.max(0, stop - before - 1), StandardCharsets.UTF_8);
        }
    }

    private static int lastNewline(byte[] bytes, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** An in-memory buffer that refuses to grow past its limit. */
    private static final class LimitedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;

        LimitedBuffer(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws OverLimit {
            if (bytes.size() + 1L > limit) {
                throw new OverLimit();
            }
            bytes.write(b);
        }

        @Override
        public void write(byte[] chunk, int offset, int length) throws OverLimit {
            if (bytes.size() + (long) length > limit) {
                throw new OverLimit();
            }
            bytes.write(chunk, offset, length);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** The compressed bytes would be more than the budget. */
    private static final class OverLimit extends IOException {
        private static final long serialVersionUID = 1L;

        OverLimit() {
            super("over the limit");
        }
    }
}
