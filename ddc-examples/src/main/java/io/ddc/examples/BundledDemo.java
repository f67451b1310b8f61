package io.ddc.examples;

import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.spi.AvailabilityCheck;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The demo as a bundled experiment, for {@code ddc run demo}: the probes of {@link DemoProbes}, the
 * schedule, parallelism and loopback targets of {@link DemoExperiment}, and with those targets the
 * TCP check on a port open on 127.0.0.1 and 127.0.0.2 only, so that 127.0.0.3 is unavailable.
 * {@code ddc demo} runs the same experiment with its own introduction and report. Immutable.
 */
public final class BundledDemo implements BundledExperiment {
    @Override
    public String name() {
        return DemoExperiment.NAME;
    }

    @Override
    public String description() {
        return DemoExperiment.DESCRIPTION;
    }

    @Override
    public Schedule defaultSchedule() {
        return Schedule.periodic(DemoExperiment.INTERVAL).withMaxIterations(DemoExperiment.DEFAULT_ITERATIONS);
    }

    @Override
    public int defaultParallelism() {
        return DemoExperiment.PARALLELISM;
    }

    @Override
    public List<Probe> probes(Setup setup) {
        return (setup.windowsTargets() ? DemoProbes.WINDOWS : DemoProbes.LINUX).probes(setup.out());
    }

    /** The loopback targets, for the local runner only: other runners reach real machines. */
    @Override
    public Optional<TargetPool> defaultTargets(Setup setup) {
        return setup.runner() instanceof LocalRunner
                ? Optional.of(TargetPool.of(DemoExperiment.LOOPBACK_TARGETS)) : Optional.empty();
    }

    @Override
    public Optional<DefaultCheck> openDefaultCheck(Setup setup) throws IOException {
        LoopbackListener listener = LoopbackListener.open(DemoExperiment.LOOPBACK_TARGETS.subList(0, 2));
        return Optional.of(new DefaultCheck(AvailabilityCheck.tcp(listener.port(), DemoExperiment.CHECK_TIMEOUT),
                listener::close));
    }

    @Override
    public String toString() {
        return "BundledDemo";
    }
}
