package io.ddc.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures everything printed to {@code System.out} and {@code System.err} while open, still
 * copying it to the real streams. The tests log through slf4j-simple, which prints each line to the
 * {@code System.err} of the moment. Not for tests that run in parallel.
 *
 * <pre>{@code
 * try (LogCapture log = new LogCapture("io.ddc.core.")) {
 *     ...
 *     assertThat(log.warnings()).containsExactly("output file ...: cut back ...");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final String loggerPrefix;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** @param loggerPrefix the start of the logger names whose warnings {@link #warnings()} returns */
    public LogCapture(String loggerPrefix) {
        this.loggerPrefix = loggerPrefix;
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
    }

    /** @return everything printed so far */
    public String all() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return the WARN lines of the loggers named with the prefix, without the thread and level prefix */
    public List<String> warnings() {
        return all().lines().filter(line -> line.contains(" WARN " + loggerPrefix))
                .map(line -> line.substring(line.indexOf(" - ") + 3))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
