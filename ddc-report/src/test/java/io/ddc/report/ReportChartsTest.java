package io.ddc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts' points: at most {@link ReportCharts#MAX_POINTS} per probe. */
final class ReportChartsTest {
    @Test
    void points_ofAFewIterations_areTheIterations() {
        List<Report.Iteration> iterations = List.of(iteration(100, 1, 3), iteration(200, 0, 0), iteration(300, 3, 3));

        ReportCharts.Series series = ReportCharts.points(iterations);

        assertThat(series.perPoint()).isEqualTo(1);
        // the line without targets has no percentage, so no point
        assertThat(series.points()).hasSize(2);
        assertThat(series.points().get(0)).containsExactly(100, 100.0 / 3);
        assertThat(series.points().get(1)).containsExactly(300, 100);
    }

    @Test
    void points_ofManyIterations_areMeansOfConsecutiveGroups() {
        List<Report.Iteration> iterations = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            iterations.add(iteration(1000 + 10L * i, i % 2, 1));
        }

        ReportCharts.Series series = ReportCharts.points(iterations);

        // 1,201 iterations in groups of 3: 401 points, the last of a single iteration
        assertThat(series.perPoint()).isEqualTo(3);
        assertThat(series.points()).hasSize(401);
        assertThat(series.points().get(0)).containsExactly(1010, 100.0 / 3);
        assertThat(series.points().get(1)).containsExactly(1040, 200.0 / 3);
        assertThat(series.points().get(400)).containsExactly(13000, 0);
    }

    @Test
    void successOverTime_ofManyIterations_saysHowManyIterationsAPointAverages() {
        List<Report.Iteration> iterations = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            iterations.add(iteration(1000 + 900L * i, 1, 2));
        }
        Report.Probe probe = new Report.Probe("load", new Report.Executions(2_000, 2_000, 0, 2_000), iterations,
                List.of(), List.of());

        String svg = ReportCharts.successOverTime(List.of(probe), "% succeeded per iteration");

        assertThat(svg).contains("load (each point: the mean of up to 4 iterations)")
                .doesNotContain("<circle");
        String points = svg.substring(svg.indexOf("points=\"") + 8, svg.indexOf('"', svg.indexOf("points=\"") + 8));
        assertThat(points.split(" ")).hasSize(500).allMatch(point -> point.matches("\\d+\\.\\d,116\\.0"));
    }

    private static Report.Iteration iteration(long id, int succeeded, int targets) {
        return new Report.Iteration(id, succeeded, 0, targets - succeeded, Duration.ofMillis(100));
    }
}
