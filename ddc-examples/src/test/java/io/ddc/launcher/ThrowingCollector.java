package io.ddc.launcher;

import io.ddc.ExecutionContext;
import io.ddc.ExecutionResult;
import io.ddc.PostCollector;

/** A post-collector whose constructor always throws, for the experiment file's error cases. */
public final class ThrowingCollector implements PostCollector {
    public ThrowingCollector() {
        throw new IllegalStateException("no licence for this collector");
    }

    @Override
    public void collect(ExecutionResult result, ExecutionContext context) {
        // never built
    }
}
