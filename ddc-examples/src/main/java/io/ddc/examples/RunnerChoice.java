package io.ddc.examples;

import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.RemoteRunner;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RunnerOptions} resolved to: the runner, built and ready, and the availability check
 * that {@code --check} asked for, if any.
 *
 * @param runner the runner that reaches the targets
 * @param check the check given with {@code --check}, or null when the command leaves it to the
 *     runner (or, in the demo, to its loopback listener)
 */
record RunnerChoice(RemoteRunner runner, @Nullable AvailabilityCheck check) {
    RunnerChoice {
        Objects.requireNonNull(runner, "runner");
    }
}
