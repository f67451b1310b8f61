package io.ddc.benchmarks;

import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A runner that does no remote work: it writes a fixed chunk of output a fixed number of times, as
 * a pump would, then sleeps for a fixed latency (if any) and exits 0, so that a benchmark measures
 * what the coordinator itself costs, or how it overlaps remote latency. Thread-safe.
 */
final class NoOpRunner implements RemoteRunner {
    private final byte[] chunk;
    private final int chunks;
    private final long latencyNanos;

    /**
     * @param chunk written {@code chunks} times to the execution's stdout
     * @param chunks how many times
     * @param latency slept after writing; zero for none
     */
    NoOpRunner(byte[] chunk, int chunks, Duration latency) {
        this.chunk = chunk.clone();
        this.chunks = chunks;
        this.latencyNanos = latency.toNanos();
    }

    /** A runner that prints one short line and returns at once. */
    static NoOpRunner printing(String line) {
        return new NoOpRunner(line.getBytes(StandardCharsets.US_ASCII), 1, Duration.ZERO);
    }

    @Override
    public String name() {
        return "no-op";
    }

    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        try {
            for (int i = 0; i < chunks; i++) {
                request.stdout().write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (latencyNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(latencyNanos);
        }
        return RunResult.exited(0);
    }
}
