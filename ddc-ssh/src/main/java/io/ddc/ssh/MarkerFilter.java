package io.ddc.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Standard error of a remote program, passed on byte for byte except for the wrapper's first line
 * ({@code ddc-run ...}), which it keeps as the {@link KillSwitch}. Until a line feed arrives (or
 * {@value #LIMIT} bytes without one), bytes are held back; if they are not the wrapper's line, they
 * are passed on unchanged. Used by one thread at a time.
 */
final class MarkerFilter {
    static final int LIMIT = 256;

    private final OutputStream sink;
    private final Function<String, @Nullable KillSwitch> reader;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean passing;
    private @Nullable KillSwitch killSwitch;

    MarkerFilter(OutputStream sink, Function<String, @Nullable KillSwitch> reader) {
        this.sink = sink;
        this.reader = reader;
    }

    void write(byte[] bytes) throws IOException {
        if (passing) {
            sink.write(bytes);
            return;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String line = new String(held.toByteArray(), StandardCharsets.UTF_8);
                KillSwitch found = reader.apply(line);
                passing = true;
                if (found != null) {
                    killSwitch = found;
                    held.reset();
                } else {
                    held.write(bytes, i, 1);
                    flushHeld();
                }
                if (i + 1 < bytes.length) {
                    sink.write(bytes, i + 1, bytes.length - i - 1);
                }
                return;
            }
            held.write(bytes[i]);
            if (held.size() >= LIMIT) {
                passing = true;
                flushHeld();
                if (i + 1 < bytes.length) {
                    sink.write(bytes, i + 1, bytes.length - i - 1);
                }
                return;
            }
        }
    }

    /** Passes on what is still held back: the stream ended without a line feed. */
    void finish() throws IOException {
        passing = true;
        flushHeld();
    }

    private void flushHeld() throws IOException {
        if (held.size() > 0) {
            sink.write(held.toByteArray());
            held.reset();
        }
    }

    /** @return whether the first line has arrived (or the limit was reached), so that no kill switch can come any more */
    boolean decided() {
        return passing;
    }

    /** @return how to kill the program, once its wrapper's line has arrived; null before */
    @Nullable KillSwitch killSwitch() {
        return killSwitch;
    }
}
