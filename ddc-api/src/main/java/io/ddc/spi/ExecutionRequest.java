package io.ddc.spi;

import io.ddc.Probe;
import io.ddc.Target;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a {@link RemoteRunner} to do: run a probe's command on a target, within the
 * probe's timeout, writing standard output and standard error to the given sinks.
 *
 * <p>The sinks accept writes from any thread until {@link RemoteRunner#run} returns; writes after
 * that are dropped. The runner must not close them.
 *
 * @param experiment the experiment's name
 * @param iterationId the iteration
 * @param target where to run
 * @param probe what to run
 * @param stdout where standard output goes
 * @param stderr where standard error goes
 */
public record ExecutionRequest(String experiment, long iterationId, Target target, Probe probe, OutputStream stdout,
        OutputStream stderr) {

    /**
     * Checks the components.
     *
     * @param experiment the experiment's name
     * @param iterationId the iteration
     * @param target where to run
     * @param probe what to run
     * @param stdout where standard output goes
     * @param stderr where standard error goes
     */
    public ExecutionRequest {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** @return the executable followed by its arguments */
    public List<String> command() {
        return probe.command();
    }

    /** @return how long the execution may take */
    public Duration timeout() {
        return probe.timeout();
    }
}
