package io.ddc.core;

import io.ddc.Output;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one output stream of one execution from the runner. It keeps the first bytes in memory
 * (up to the probe's capture limit) for the result, and, when the output is stored, spills the whole
 * stream to a spool file once it outgrows that limit, so memory stays bounded whatever the probe
 * prints. After {@link #seal()} further writes are dropped: a pump left behind by an orphaned
 * process can no longer touch a record being written.
 */
final class ExecutionSink extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionSink.class);
    private static final int INITIAL_CAPACITY = 256;

    private final int captureLimit;
    private final @Nullable Path spoolFile;
    private byte[] head = new byte[0];
    private int headLength;
    private long size;
    private @Nullable OutputStream spool;
    private boolean sealed;
    private @Nullable IOException spoolFailure;

    /**
     * @param captureLimit bytes kept in memory
     * @param spoolFile where to spill a large output that must be stored, or null if it is not stored
     */
    ExecutionSink(int captureLimit, @Nullable Path spoolFile) {
        this.captureLimit = captureLimit;
        this.spoolFile = spoolFile;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (sealed || length == 0) {
            return;
        }
        long before = size;
        size += length;
        if (spoolFile != null && spoolFailure == null) {
            try {
                if (spool != null) {
                    spool.write(bytes, offset, length);
                } else if (size > captureLimit) {
                    // everything so far is in the head: move it to the spool, then continue there
                    spool = new BufferedOutputStream(Files.newOutputStream(spoolFile), 1 << 16);
                    spool.write(head, 0, (int) before);
                    spool.write(bytes, offset, length);
                }
            } catch (IOException e) {
                spoolFailure = new IOException("cannot spool the output to " + spoolFile + ": " + e.getMessage(), e);
            }
        }
        int room = captureLimit - headLength;
        if (room > 0) {
            int taken = Math.min(room, length);
            ensureCapacity(headLength + taken);
            System.arraycopy(bytes, offset, head, headLength, taken);
            headLength += taken;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > head.length) {
            int grown = Math.max(needed, Math.min(captureLimit, Math.max(INITIAL_CAPACITY, head.length * 2)));
            head = Arrays.copyOf(head, grown);
        }
    }

    /** Drops every later write and closes the spool file. */
    synchronized void seal() {
        sealed = true;
        OutputStream open = spool;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                if (spoolFailure == null) {
                    spoolFailure = new IOException("cannot spool the output to " + spoolFile + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** @return what the result keeps: the head and the total size */
    synchronized Output output() {
        return Output.of(headLength == head.length ? head : Arrays.copyOf(head, headLength), size);
    }

    /** @return the number of bytes the stream carried */
    synchronized long size() {
        return size;
    }

    /** @return true if the whole stream is held in memory: it was never spooled, and nothing is missing */
    synchronized boolean isHeld() {
        return spool == null && spoolFailure == null && headLength == size;
    }

    /**
     * Puts the whole stream into {@code target}; only after {@link #seal()}, and only if
     * {@link #isHeld()}.
     *
     * @throws IllegalStateException if the stream is not held in memory
     * @throws java.nio.BufferOverflowException if {@code target} has too little room
     */
    synchronized void copyTo(ByteBuffer target) {
        if (!isHeld()) {
            throw new IllegalStateException("the stream is not held in memory: copy it to an OutputStream");
        }
        target.put(head, 0, headLength);
    }

    /**
     * Appends the whole stream to {@code target}; only after {@link #seal()}.
     *
     * @throws IOException if the spool could not be written or read, or the target not written
     */
    synchronized void copyTo(OutputStream target) throws IOException {
        if (spoolFailure != null) {
            throw spoolFailure;
        }
        if (spool == null) {
            target.write(head, 0, headLength);
            return;
        }
        try (FileChannel in = FileChannel.open(Objects.requireNonNull(spoolFile), StandardOpenOption.READ)) {
            Channels.newInputStream(in).transferTo(target);
        }
    }

    /** Deletes the spool file, if one was made; a file that cannot be deleted is logged and left. */
    synchronized void discard() {
        if (spool != null && spoolFile != null) {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException e) {
                // the record is already stored; the next start clears the spool folder
                LOG.warn("cannot delete spool file {}: {}", spoolFile, e.toString());
            }
        }
    }

    /** Closing is the engine's job ({@link #seal()}); a runner that closes its sink changes nothing. */
    @Override
    public void close() {
        // the runner must not end the stream; the engine seals it when the runner returns
    }
}
