package io.ddc.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * An exec channel whose output waits in a queue for the thread that runs the probe, instead of being
 * written to the sinks on MINA's I/O threads: a slow sink then never stalls them. The channel's
 * window is given back only once a chunk has reached its sink, so a slow sink slows the remote
 * program down through SSH's own flow control, and the queue never holds more than one window
 * (2 MiB by default) of output.
 *
 * <p>MINA writes a channel's data from its I/O threads through {@code doWriteData} and
 * {@code doWriteExtendedData}; these two are replaced. The end of the queue is marked once the
 * channel is closed, after every chunk it received.
 */
final class ExecChannel extends ChannelExec {
    /** One piece of output, or the end. */
    record Chunk(boolean stderr, byte[] bytes) {
        static final Chunk END = new Chunk(false, new byte[0]);
    }

    private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();

    /**
     * @param command the exec request, encoded as UTF-8
     */
    ExecChannel(byte[] command) {
        super(command, new PtyChannelConfiguration(), Map.of());
        // any non-null stream keeps MINA from creating its own piped streams; nothing is written to it
        setOut(OutputStream.nullOutputStream());
        setErr(OutputStream.nullOutputStream());
        addCloseFutureListener(future -> chunks.add(Chunk.END));
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) {
        queue(false, data, off, len);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) {
        queue(true, data, off, len);
    }

    private void queue(boolean stderr, byte[] data, int off, long len) {
        if (isClosing() || len <= 0) {
            return;
        }
        byte[] copy = new byte[(int) len];
        System.arraycopy(data, off, copy, 0, copy.length);
        chunks.add(new Chunk(stderr, copy));
    }

    /**
     * Waits for the next chunk.
     *
     * @param nanos how long to wait at most
     * @return the chunk, {@link Chunk#END} once the channel is closed and drained, or null on time-out
     * @throws InterruptedException if interrupted while waiting
     */
    @Nullable Chunk next(long nanos) throws InterruptedException {
        return chunks.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Gives a chunk's bytes back to the remote side's window, once they reached their sink.
     *
     * @param chunk the delivered chunk
     */
    void delivered(Chunk chunk) {
        if (isClosing()) {
            return;
        }
        try {
            getLocalWindow().release(chunk.bytes().length);
        } catch (IOException e) {
            // the channel is closing: no more data will come, and nothing waits for the window
        }
    }

    /** Closes the program's standard input, so that it reads end-of-file instead of waiting. */
    void closeInput() {
        OutputStream input = getInvertedIn();
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                // the channel is closing already: the program gets no input either way
            }
        }
    }
}
