package io.ddc.jdbc;

import io.ddc.ExecutionResult;
import io.ddc.Outcome;
import io.ddc.TraceLine;
import org.jspecify.annotations.Nullable;

/** One row of the schema's tables, as both the listener and the export write it. */
sealed interface Row {
    /**
     * A row of {@code executions}. What a source does not know is null: a row made from a trace
     * line alone knows only the outcome.
     */
    record Execution(String experiment, String probe, String target, long iterationId, Outcome outcome,
            @Nullable Integer exitCode, @Nullable Double elapsedSeconds, @Nullable String reason,
            @Nullable Long stdoutBytes, @Nullable Long stderrBytes) implements Row {

        /** @return the row of a result as the engine announced it */
        static Execution of(String experiment, ExecutionResult result) {
            return new Execution(experiment, result.probe(), result.target().name(), result.iterationId(),
                    result.outcome(), result.exitCode().isPresent() ? result.exitCode().getAsInt() : null,
                    result.elapsed().toMillis() / 1000.0, result.failure().map(f -> f.message()).orElse(null),
                    result.stdout().size(), result.stderr().size());
        }
    }

    /** A row of {@code iterations}: one probe's trace line. */
    record Iteration(String experiment, String probe, long iterationId, int succeeded, int failed, int unavailable,
            double seconds) implements Row {

        /** @return the row of a trace line */
        static Iteration of(String experiment, String probe, TraceLine line) {
            return new Iteration(experiment, probe, line.iterationId(), line.succeeded().size(), line.failed().size(),
                    line.unavailable().size(), Math.round(line.elapsed().toMillis() / 100.0) / 10.0);
        }
    }
}
