package io.ddc.benchmarks;

import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A runner that does no remote work: it prints a fixed line and, if asked, sleeps for a fixed
 * latency, so that a benchmark measures what the coordinator itself costs.
 */
final class NoOpRunner implements RemoteRunner {
    private final byte[] output;
    private final long latencyMillis;

    NoOpRunner(byte[] output, long latencyMillis) {
        this.output = output.clone();
        this.latencyMillis = latencyMillis;
    }

    @Override
    public String name() {
        return "no-op";
    }

    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        try {
            request.stdout().write(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (latencyMillis > 0) {
            TimeUnit.MILLISECONDS.sleep(latencyMillis);
        }
        return RunResult.exited(0);
    }
}
