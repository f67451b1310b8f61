package io.ddc.parsers;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text a scanner reads, as a window {@link #text} over the input: the whole input when it is a
 * {@code String} (no copy), or the unread part of a {@link Reader}, refilled chunk by chunk.
 *
 * <p>The scanners search the window with {@link String#indexOf(int, int)}, which the JIT turns into
 * vector instructions, through {@link Finder}s that remember the next occurrence of their character,
 * so that every character of the input is searched for each of them once, not once per line.
 */
final class Source {
    static final int CHUNK = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final @Nullable Reader reader;
    private final List<Finder> finders = new ArrayList<>(4);
    private char[] buffer = new char[0];
    private boolean eof;
    private boolean started;
    /** The window; positions in it are relative to its start, which moves with {@link #more}. */
    String text;

    Source(String text) {
        this.reader = null;
        this.text = text;
        this.eof = true;
    }

    Source(Reader reader) {
        this.reader = reader;
        this.text = "";
    }

    /** @return true if the window holds the rest of the input */
    boolean eof() {
        return eof;
    }

    /**
     * Loads the first chunk and skips a byte order mark.
     *
     * @return the position of the first character
     */
    int begin() throws IOException {
        if (!started) {
            started = true;
            if (!eof && text.isEmpty()) {
                more(0);
            }
        }
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
    }

    /**
     * Drops the window's text before {@code from} and appends more of the input. Positions move
     * back by {@code from}.
     *
     * @return true if characters were appended, false at the end of the input
     */
    boolean more(int from) throws IOException {
        String old = text;
        int keep = old.length() - from;
        if (eof || reader == null) {
            if (from > 0) {
                replace(old.substring(from));
            }
            return false;
        }
        int wanted = keep + Math.max(CHUNK, keep);
        if (buffer.length < wanted) {
            buffer = new char[wanted];
        }
        old.getChars(from, old.length(), buffer, 0);
        int space = buffer.length - keep;
        int appended = 0;
        // one read when little is kept; after a long line, as much as is kept, so that each
        // character is copied a bounded number of times however little each read returns
        while (appended < space) {
            int read = reader.read(buffer, keep + appended, space - appended);
            if (read < 0) {
                eof = true;
                break;
            }
            appended += read;
            if (appended >= keep) {
                break;
            }
        }
        replace(new String(buffer, 0, keep + appended));
        return appended > 0;
    }

    private void replace(String window) {
        text = window;
        for (Finder finder : finders) {
            finder.at = Finder.UNKNOWN;
        }
    }

    /** @return a finder for {@code c} in this source's window */
    Finder finder(char c) {
        Finder finder = new Finder(this, c);
        finders.add(finder);
        return finder;
    }

    /** Finds one character, remembering where it is next. Positions asked for never go back. */
    static final class Finder {
        static final int UNKNOWN = -2;

        private final Source source;
        private final char c;
        private int at = UNKNOWN;

        private Finder(Source source, char c) {
            this.source = source;
            this.c = c;
        }

        /** @return the first position at or after {@code from} holding the character, or -1 */
        int next(int from) {
            int found = at;
            // -1 stays true until the window changes; kept small so that the JIT inlines it
            return found >= from || found == -1 ? found : search(from);
        }

        private int search(int from) {
            int found = source.text.indexOf(c, from);
            at = found;
            return found;
        }
    }
}
