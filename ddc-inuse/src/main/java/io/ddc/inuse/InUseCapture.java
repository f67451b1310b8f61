package io.ddc.inuse;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keeps the first bytes of one output stream of the logged-on query, up to a limit, and counts the
 * rest. Once {@link #seal()} is called, later writes (from a process that kept the pipe open) are
 * dropped, so the text read afterwards cannot change. Thread-safe: the runner's pump thread writes
 * while the check reads.
 */
final class InUseCapture extends OutputStream {
    private final int limit;
    private byte[] bytes = new byte[256];
    private int kept;
    private long size;
    private boolean sealed;

    InUseCapture(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        if (sealed) {
            return;
        }
        size += length;
        int take = Math.min(length, limit - kept);
        if (take <= 0) {
            return;
        }
        if (kept + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(kept + take, bytes.length * 2)));
        }
        System.arraycopy(source, offset, bytes, kept, take);
        kept += take;
    }

    /** Drops every later write. */
    synchronized void seal() {
        sealed = true;
    }

    /** @return whether the stream carried more bytes than were kept */
    synchronized boolean isTruncated() {
        return size > kept;
    }

    /**
     * Decodes what was kept. When the stream was truncated, the last, cut line is left out, so that
     * a reader never sees half a line.
     */
    synchronized String text(Charset charset) {
        int end = kept;
        if (size > kept) {
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
        }
        return new String(bytes, 0, end, charset);
    }
}
