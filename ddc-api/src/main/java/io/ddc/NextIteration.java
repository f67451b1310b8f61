package io.ddc;

import java.time.Instant;
import java.util.Objects;

/**
 * What listeners get when the experiment waits for its next iteration
 * ({@link ExperimentListener#waitingForNextIteration}). Immutable; new components may be added in
 * later versions.
 *
 * @param experiment the experiment's name
 * @param start when the next iteration is due, unless the experiment is stopped first
 */
public record NextIteration(String experiment, Instant start) {
    /**
     * Checks the components.
     *
     * @param experiment the experiment's name
     * @param start when the next iteration is due, unless the experiment is stopped first
     */
    public NextIteration {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(start, "start");
    }
}
