package io.ddc.parsers;

import java.io.Reader;
import java.util.Random;

/**
 * A reader over a string that hands out at most a few characters per read, so that every line,
 * record and line break ends up split across the parsers' refills somewhere.
 */
final class TrickleReader extends Reader {
    private final String text;
    private final Random random;
    private final int most;
    private int pos;
    private boolean closed;

    /**
     * @param text what to read
     * @param most the most characters per read
     * @param seed the seed of the random read sizes (1 to {@code most})
     */
    TrickleReader(String text, int most, long seed) {
        this.text = text;
        this.most = most;
        this.random = new Random(seed);
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (pos == text.length()) {
            return -1;
        }
        int n = Math.min(Math.min(length, 1 + random.nextInt(most)), text.length() - pos);
        text.getChars(pos, pos + n, buffer, offset);
        pos += n;
        return n;
    }

    /** @return how many characters have been handed out */
    int position() {
        return pos;
    }

    /** @return true once closed */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
