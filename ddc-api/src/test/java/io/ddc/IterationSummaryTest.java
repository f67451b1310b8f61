package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class IterationSummaryTest {

    @Test
    void countsAddUpOverEveryProbeAndTheMapKeepsItsOrder() {
        Map<String, TraceLine> lines = new LinkedHashMap<>();
        lines.put("load", new TraceLine(9, Duration.ofSeconds(1), List.of("m01", "m02"), List.of(), List.of("m03")));
        lines.put("disk", new TraceLine(9, Duration.ofSeconds(1), List.of("m01"), List.of("m02"), List.of("m03")));
        lines.put("cpu", new TraceLine(9, Duration.ofSeconds(1), List.of(), List.of(), List.of("m03")));

        IterationSummary summary = new IterationSummary("lab", 9, Instant.ofEpochSecond(9), Duration.ofSeconds(1), lines);
        lines.clear();

        assertThat(summary.traceLines().keySet()).containsExactly("load", "disk", "cpu");
        assertThat(summary.succeeded()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.unavailable()).isEqualTo(3);
        assertThatThrownBy(() -> summary.traceLines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void completion_allSucceededOnlyWhenNoPairIsLeft() {
        assertThat(new Completion(3, Completion.Reason.ALL_SUCCEEDED, 0, Duration.ofMinutes(2)).allSucceeded()).isTrue();
        assertThat(new Completion(3, Completion.Reason.MAX_ITERATIONS, 1, Duration.ofMinutes(2)).allSucceeded()).isFalse();
    }
}
