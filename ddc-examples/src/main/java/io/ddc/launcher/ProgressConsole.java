package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's standard output while an experiment runs: whole lines, and on a terminal one live
 * status line below them, rewritten in place with {@code \r}. A line printed while the status is
 * shown first blanks the status, then prints the line and shows the status again under it, so that
 * nothing is printed into the middle of the status. Without a terminal (a file, a pipe, a test)
 * there is no status line, only whole lines.
 *
 * <p>A new console holds what it is given until {@link #release}, so that the lines of a run that
 * has just started cannot come before the lines that introduce it. Post-collectors print through
 * {@link #stream()}, which hands each complete line to {@link #line}. Thread-safe: every method
 * holds the console's lock while it writes.
 */
final class ProgressConsole implements AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final LineStream lines = new LineStream();
    private final PrintStream stream;
    /** The status line shown now (or to show once released); empty when none is. */
    private String status = "";
    /** Lines given before {@link #release}; null once released. */
    private @Nullable List<String> held = new ArrayList<>();

    /**
     * Creates the console.
     *
     * @param out where everything goes
     * @param terminal true if {@code out} is shown on a terminal, which can rewrite its last line
     */
    ProgressConsole(PrintStream out, boolean terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.stream = new PrintStream(lines, true, UTF_8);
    }

    /**
     * Tells whether the process's standard output is a terminal. {@code System.console()} is null
     * when standard input or output is redirected, up to Java 21; from Java 22 it may return a
     * console that is not a terminal, which {@code Console.isTerminal()} tells (read reflectively,
     * as the launcher is built for Java 17).
     *
     * @return true if a status line can be rewritten in place
     */
    static boolean standardOutputIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** @return true if a status line is shown, false if only whole lines are printed */
    boolean isTerminal() {
        return terminal;
    }

    /**
     * Prints a whole line, above the status line if one is shown.
     *
     * @param text the line, without its line terminator
     */
    synchronized void line(String text) {
        Objects.requireNonNull(text, "text");
        List<String> waiting = held;
        if (waiting != null) {
            waiting.add(text);
            return;
        }
        blank();
        out.println(text);
        if (!status.isEmpty()) {
            out.print(status);
        }
        out.flush();
    }

    /**
     * Shows {@code text} as the status line, in place of the one shown; without a terminal, does
     * nothing.
     *
     * @param text one line, short enough for a terminal's width
     */
    synchronized void status(String text) {
        Objects.requireNonNull(text, "text");
        if (!terminal) {
            return;
        }
        if (held != null) {
            status = text;
            return;
        }
        // spaces overwrite what was longer; a terminal without cursor control understands only \r
        out.print("\r" + text + " ".repeat(Math.max(0, status.length() - text.length())));
        out.flush();
        status = text;
    }

    /**
     * Prints {@code first}, then what was held, then the status line, and stops holding; later
     * calls do nothing.
     *
     * @param first the lines that go before everything else
     */
    synchronized void release(List<String> first) {
        List<String> waiting = held;
        if (waiting == null) {
            return;
        }
        held = null;
        first.forEach(out::println);
        waiting.forEach(out::println);
        if (!status.isEmpty()) {
            out.print(status);
        }
        out.flush();
    }

    /** Takes the status line away, leaving the cursor at the start of an empty line. */
    synchronized void clearStatus() {
        if (held != null) {
            status = "";
            return;
        }
        blank();
        status = "";
        out.flush();
    }

    /**
     * Returns a stream whose complete lines are printed with {@link #line}, for code that prints
     * while the status line is shown (post-collectors).
     *
     * @return the stream, with automatic flushing, UTF-8
     */
    PrintStream stream() {
        return stream;
    }

    /** Prints what {@link #stream()} holds of an unfinished line, and takes the status line away. */
    @Override
    public void close() {
        stream.flush();
        lines.flushPartialLine();
        release(List.of());
        clearStatus();
    }

    private void blank() {
        if (!status.isEmpty()) {
            out.print("\r" + " ".repeat(status.length()) + "\r");
        }
    }

    /** Collects bytes up to each line feed and prints the line with {@link #line}. */
    private final class LineStream extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            synchronized (ProgressConsole.this) {
                if (b == '\n') {
                    emit();
                } else {
                    pending.write(b);
                }
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            synchronized (ProgressConsole.this) {
                for (int i = offset; i < offset + length; i++) {
                    write(bytes[i]);
                }
            }
        }

        void flushPartialLine() {
            synchronized (ProgressConsole.this) {
                if (pending.size() > 0) {
                    emit();
                }
            }
        }

        private void emit() {
            String text = pending.toString(UTF_8);
            pending.reset();
            line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
