package io.ddc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a result comes from, handed to each {@link PostCollector} with the result.
 *
 * @param experiment the experiment's name
 * @param targetFolder the target's storage folder ({@code <root>/<experiment>/<target>}); it exists
 *     when the post-collector runs, so the collector may write its own files there
 * @param iterationId the iteration
 */
public record ExecutionContext(String experiment, Path targetFolder, long iterationId) {
    /**
     * Checks the components.
     *
     * @param experiment the experiment's name
     * @param targetFolder the target's storage folder ({@code <root>/<experiment>/<target>}); it exists
     *     when the post-collector runs, so the collector may write its own files there
     * @param iterationId the iteration
     */
    public ExecutionContext {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(targetFolder, "targetFolder");
    }
}
