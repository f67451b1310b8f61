package io.ddc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What listeners get at the end of an iteration: its trace line for each probe attempted in it.
 *
 * @param experiment the experiment's name
 * @param iterationId the iteration
 * @param started when it started
 * @param elapsed how long it took
 * @param traceLines each attempted probe's trace line, in declaration order
 */
public record IterationSummary(String experiment, long iterationId, Instant started, Duration elapsed,
        Map<String, TraceLine> traceLines) {

    /**
     * Copies the map, keeping its order, and checks the components.
     *
     * @param experiment the experiment's name
     * @param iterationId the iteration
     * @param started when it started
     * @param elapsed how long it took
     * @param traceLines each attempted probe's trace line, in declaration order
     */
    public IterationSummary {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
        traceLines = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(traceLines, "traceLines")));
    }

    /** @return the number of SUCCEEDED pairs over all probes */
    public int succeeded() {
        return traceLines.values().stream().mapToInt(line -> line.succeeded().size()).sum();
    }

    /** @return the number of FAILED pairs over all probes */
    public int failed() {
        return traceLines.values().stream().mapToInt(line -> line.failed().size()).sum();
    }

    /** @return the number of UNAVAILABLE pairs over all probes */
    public int unavailable() {
        return traceLines.values().stream().mapToInt(line -> line.unavailable().size()).sum();
    }
}
