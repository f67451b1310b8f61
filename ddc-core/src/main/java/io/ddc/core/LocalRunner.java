package io.ddc.core;

import io.ddc.process.ProcessExecutor;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every probe on the coordinator itself, whatever the target: for demos, tests and probes that
 * reach the target on their own (for example {@code ssh}, {@code curl} or {@code smartctl -d} on an
 * address). The target's name is passed in the environment variable {@code DDC_TARGET}, with
 * {@code DDC_PROBE} and {@code DDC_ITERATION}.
 *
 * <p>Commands run through commons-exec, argument by argument and never through a shell, with
 * standard input closed; on timeout the process and everything it started are killed. Name:
 * {@code local}. Thread-safe.
 *
 * <pre>{@code
 * Experiment.builder("demo").runner(LocalRunner.create()) ...
 * }</pre>
 */
public final class LocalRunner implements RemoteRunner {
    private final ProcessExecutor executor;

    /** Called by {@link java.util.ServiceLoader}; in code, prefer {@link #create()}. */
    public LocalRunner() {
        this.executor = ProcessExecutor.builder().threadName("ddc-local").build();
    }

    /** @return a local runner */
    public static LocalRunner create() {
        return new LocalRunner();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        Map<String, String> environment = Map.of(
                "DDC_TARGET", request.target().name(),
                "DDC_PROBE", request.probe().name(),
                "DDC_ITERATION", Long.toString(request.iterationId()));
        return executor.run(request.command(), environment, request.timeout(), request.stdout(), request.stderr());
    }

    @Override
    public String toString() {
        return "LocalRunner";
    }
}
