package io.ddc;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a result keeps in memory of one output stream: the first bytes, up to the probe's
 * {@linkplain Probe#captureLimit() capture limit}, and the total size. The whole stream, however
 * long, goes to storage. Immutable.
 */
public final class Output {
    private static final byte[] NO_BYTES = new byte[0];
    private static final Output EMPTY = new Output(NO_BYTES, 0);

    private final byte[] bytes;
    private final long size;

    private Output(byte[] bytes, long size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** @return the output of a stream that printed nothing */
    public static Output empty() {
        return EMPTY;
    }

    /**
     * Returns an output that kept {@code captured} of a stream of {@code size} bytes.
     *
     * @param captured the first bytes of the stream (copied)
     * @param size the total number of bytes the stream carried
     * @return the output
     * @throws IllegalArgumentException if {@code size} is less than the captured length
     */
    public static Output of(byte[] captured, long size) {
        Objects.requireNonNull(captured, "captured");
        if (size < captured.length) {
            throw new IllegalArgumentException("size " + size + " is less than the " + captured.length + " bytes captured");
        }
        return size == 0 ? EMPTY : new Output(captured.clone(), size);
    }

    /**
     * Returns an output that kept all of {@code text}, encoded as UTF-8.
     *
     * @param text the whole stream
     * @return the output
     */
    public static Output ofText(String text) {
        byte[] encoded = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        return new Output(encoded, encoded.length);
    }

    /** @return a copy of the captured bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the captured bytes decoded as UTF-8 (malformed input replaced) */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /**
     * Decodes the captured bytes; Windows console programs often print in an OEM code page.
     *
     * @param charset the encoding of the output
     * @return the text
     */
    public String text(Charset charset) {
        return new String(bytes, charset);
    }

    /** @return the number of bytes the stream carried, captured or not */
    public long size() {
        return size;
    }

    /** @return the number of bytes kept in memory */
    public int capturedSize() {
        return bytes.length;
    }

    /** @return true if the stream carried more than was kept in memory */
    public boolean isTruncated() {
        return size > bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Output && ((Output) other).size == size && Arrays.equals(((Output) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Output[" + size + " bytes" + (isTruncated() ? ", " + bytes.length + " captured" : "") + "]";
    }
}
