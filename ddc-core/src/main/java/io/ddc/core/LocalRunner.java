package io.ddc.core;

import io.ddc.process.ProcessExecutor;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
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
 * {@code local}. Its {@linkplain #targetFamily() targets' family} is the coordinator's own.
 * Thread-safe.
 *
 * <pre>{@code
 * Experiment.builder("demo").runner(LocalRunner.create()) ...
 * }</pre>
 */
public final class LocalRunner implements RemoteRunner {
    private static final TargetFamily COORDINATOR = familyOf(System.getProperty("os.name", ""));

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

    /**
     * The coordinator's family, since every command runs there whatever the target.
     *
     * @return {@link TargetFamily#WINDOWS} on a Windows coordinator, {@link TargetFamily#POSIX} on
     *     any other (Linux, macOS, the BSDs)
     */
    @Override
    public TargetFamily targetFamily() {
        return COORDINATOR;
    }

    /** The family of an operating system named as the {@code os.name} system property names it. */
    static TargetFamily familyOf(String osName) {
        return osName.regionMatches(true, 0, "Windows", 0, "Windows".length()) ? TargetFamily.WINDOWS
                : TargetFamily.POSIX;
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
