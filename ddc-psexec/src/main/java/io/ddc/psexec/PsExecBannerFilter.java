package io.ddc.psexec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Stands between the launcher's standard output and the execution's stdout sink, and drops PsExec's
 * banner if the launcher prints one although it was given {@code -nobanner} (versions before 2.2 do
 * not know the switch).
 *
 * <p>The banner is recognised only at the very start of standard output and only whole: at most two
 * empty lines, {@code PsExec vX.Y - Execute processes remotely}, {@code Copyright (C) YEARS Mark
 * Russinovich}, {@code Sysinternals - www.sysinternals.com}, and one empty line (line ends
 * {@code \n} or {@code \r\n}). Until that is decided, at most {@value #HOLD_LIMIT} bytes are held
 * back; anything else is passed on unchanged.
 *
 * <p>Thread-safe; after {@link #finish()} every byte goes straight to the sink.
 */
final class PsExecBannerFilter extends OutputStream {
    /** Longer than any banner: past this, the start of the output is the program's. */
    static final int HOLD_LIMIT = 512;

    private static final Pattern[] BANNER = {
        Pattern.compile("PsExec v[0-9][0-9.]* - Execute processes remotely"),
        Pattern.compile("Copyright \\(C\\) [0-9][0-9 -]* Mark Russinovich"),
        Pattern.compile("Sysinternals - www\\.sysinternals\\.com"),
        Pattern.compile("")
    };
    private static final int LEADING_EMPTY_LINES = 2;

    private final OutputStream sink;
    private byte[] held = new byte[HOLD_LIMIT];
    private int heldLength;
    private boolean deciding = true;

    /** @param sink where the program's own standard output goes (not closed) */
    PsExecBannerFilter(OutputStream sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (!deciding) {
            sink.write(bytes, offset, length);
            return;
        }
        int taken = Math.min(length, HOLD_LIMIT - heldLength);
        System.arraycopy(bytes, offset, held, heldLength, taken);
        heldLength += taken;
        int bannerEnd = bannerEnd(false);
        if (bannerEnd == 0 && heldLength < HOLD_LIMIT) {
            return;
        }
        // decided: a banner to drop (bannerEnd > 0), or no banner (bannerEnd < 0, or too long to be one)
        release(Math.max(bannerEnd, 0));
        sink.write(bytes, offset + taken, length - taken);
    }

    /**
     * Where the banner ends in the held bytes: its length if it is complete, -1 if the bytes cannot
     * begin with a banner, 0 if more bytes are needed to tell.
     *
     * @param streamEnded true once no more bytes will come: a banner then needs no final empty line
     */
    private int bannerEnd(boolean streamEnded) {
        int lineStart = 0;
        int matched = 0;
        int empty = 0;
        for (int i = 0; i < heldLength; i++) {
            if (held[i] != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && held[i - 1] == '\r' ? i - 1 : i;
            String line = new String(held, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
            lineStart = i + 1;
            if (matched == 0 && line.isEmpty() && empty < LEADING_EMPTY_LINES) {
                empty++;
            } else if (BANNER[matched].matcher(line).matches()) {
                matched++;
                if (matched == BANNER.length) {
                    return lineStart;
                }
            } else {
                return -1;
            }
        }
        if (streamEnded) {
            return matched == BANNER.length - 1 && lineStart == heldLength ? heldLength : -1;
        }
        return 0;
    }

    private void release(int from) throws IOException {
        deciding = false;
        sink.write(held, from, heldLength - from);
        held = new byte[0];
        heldLength = 0;
    }

    /**
     * Ends the stream: passes on whatever is still held back, unless it is a whole banner.
     *
     * @throws IOException if the sink cannot be written
     */
    synchronized void finish() throws IOException {
        if (deciding) {
            release(Math.max(bannerEnd(true), 0));
        }
    }
}
