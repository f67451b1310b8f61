package io.ddc.launcher;

import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.RemoteRunner;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link RunnerOptions} resolved to: the runner, built and ready, and the availability check
 * that {@code --check} asked for, if any. The command that resolved it closes it once its run has
 * ended, which closes a runner that holds connections and threads (the SSH runner's sessions).
 *
 * @param runner the runner that reaches the targets
 * @param check the check given with {@code --check}, or null when the command leaves it to the
 *     runner (or, in the demo, to its loopback listener)
 */
record RunnerChoice(RemoteRunner runner, @Nullable AvailabilityCheck check) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerChoice.class);

    RunnerChoice {
        Objects.requireNonNull(runner, "runner");
    }

    /** Closes the runner if it holds anything; a failure to close is logged, never thrown over the run's result. */
    @Override
    public void close() {
        if (runner instanceof AutoCloseable) {
            try {
                ((AutoCloseable) runner).close();
            } catch (Exception e) {
                LOG.warn("runner {} did not close cleanly", runner.name(), e);
            }
        }
    }
}
