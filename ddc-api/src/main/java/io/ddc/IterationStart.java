package io.ddc;

import java.util.Objects;

/**
 * What listeners get when an iteration starts ({@link ExperimentListener#iterationStarted}).
 * Immutable; new components may be added in later versions.
 *
 * @param experiment the experiment's name
 * @param iterationId the iteration, the UTC epoch second at which it started
 * @param targets how many targets it will visit
 */
public record IterationStart(String experiment, long iterationId, int targets) {
    /**
     * Checks the components.
     *
     * @param experiment the experiment's name
     * @param iterationId the iteration, the UTC epoch second at which it started
     * @param targets how many targets it will visit
     */
    public IterationStart {
        Objects.requireNonNull(experiment, "experiment");
        if (targets < 0) {
            throw new IllegalArgumentException("targets must not be negative, got " + targets);
        }
    }
}
