package io.ddc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.TraceLine;
import io.ddc.testing.HandMadeLab;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The figures of a {@link Report}, computed from trace lines (the text through the launcher is in its ReportCommandTest). */
final class ReportBuilderTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Report handMade() {
        ReportBuilder builder = new ReportBuilder("lab", UTC);
        HandMadeLab.CPU.forEach(line -> builder.add("cpu", TraceLine.parse(line)));
        HandMadeLab.DISK.forEach(line -> builder.add("disk.free-1", TraceLine.parse(line)));
        return builder.build();
    }

    @Test
    void executions_perProbe_andForAllProbes() {
        Report report = handMade();

        assertThat(report.probes()).extracting(Report.Probe::name).containsExactly("cpu", "disk.free-1");
        assertThat(report.probes().get(0).executions()).isEqualTo(new Report.Executions(4, 6, 2, 4));
        assertThat(report.probes().get(1).executions()).isEqualTo(new Report.Executions(3, 3, 2, 5));
        // 4 distinct iterations, 22 executions
        assertThat(report.all()).isEqualTo(new Report.Executions(4, 9, 4, 9));
        assertThat(report.all().percentAvailable()).contains(new BigDecimal("59.1"));
        assertThat(report.all().percentSucceeded()).contains(new BigDecimal("40.9"));
        assertThat(report.period()).contains(new Report.Period(1719820800, 1719871200));
    }

    @Test
    void targets_forAllProbes_areAvailableWhenAnyProbeGotAnAnswer() {
        Report report = handMade();

        assertThat(report.targets()).containsExactly(
                new Report.Target("m1", 4, 4, 5, 2, 0),
                new Report.Target("m2", 4, 2, 2, 1, 4),
                new Report.Target("m3", 1, 1, 1, 0, 0),
                // at 08:00 cpu failed on m10 and disk found it unavailable: it was available
                new Report.Target("m10", 4, 2, 1, 1, 5));
        assertThat(report.targets().get(3).percentSucceeded()).contains(new BigDecimal("14.3"));
    }

    @Test
    void hours_areAll24_withEmptyPercentagesWhereThereIsNoIteration() {
        Report report = handMade();

        assertThat(report.hours()).hasSize(24).extracting(Report.Hour::hour).startsWith(0, 1).endsWith(22, 23);
        assertThat(report.hours().get(8)).isEqualTo(new Report.Hour(8, 2, Optional.of(new BigDecimal("66.7")),
                Optional.of(new BigDecimal("33.3"))));
        assertThat(report.hours().get(9)).isEqualTo(new Report.Hour(9, 0, Optional.empty(), Optional.empty()));
        assertThat(report.probes().get(1).hours().get(8).percentSucceeded()).contains(new BigDecimal("16.7"));
    }

    @Test
    void summary_ofAProbe() {
        Report.Summary summary = handMade().probes().get(1).summary().orElseThrow();

        assertThat(summary.period()).isEqualTo(new Report.Period(1719820800, 1719871200));
        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(new Report.Stat(new BigDecimal("0.7"), new BigDecimal("0"),
                new BigDecimal("1")));
        assertThat(summary.percentSucceeded()).contains(new Report.Stat(new BigDecimal("27.8"), new BigDecimal("0.0"),
                new BigDecimal("50.0")));
        assertThat(summary.seconds()).isEqualTo(new Report.Stat(new BigDecimal("1.2"), new BigDecimal("0.5"),
                new BigDecimal("2.0")));
    }

    @Test
    void aLineWithoutTargets_countsAsAnIteration_butHasNoPercentage() {
        ReportBuilder builder = new ReportBuilder("lab", UTC);
        builder.add("p", TraceLine.parse("3600|0|0|0|0.0|0.1| | | |"));
        builder.add("p", TraceLine.parse("3601|1|0|1|50.0|0.3|a,| |b,|"));

        Report.Probe probe = builder.build().probes().get(0);

        assertThat(probe.executions().iterations()).isEqualTo(2);
        assertThat(probe.iterations().get(0).percentSucceeded()).isEmpty();
        assertThat(probe.hours().get(1)).isEqualTo(new Report.Hour(1, 2, Optional.of(new BigDecimal("50.0")),
                Optional.of(new BigDecimal("50.0"))));
        assertThat(probe.summary().orElseThrow().percentSucceeded()).contains(new Report.Stat(new BigDecimal("50.0"),
                new BigDecimal("50.0"), new BigDecimal("50.0")));
        assertThat(probe.summary().orElseThrow().succeeded().mean()).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void aProbeWithoutLines_hasNoSummary() {
        ReportBuilder builder = new ReportBuilder("lab", UTC);
        builder.addProbe("quiet");

        Report report = builder.build();

        assertThat(report.probes()).singleElement().satisfies(probe -> {
            assertThat(probe.summary()).isEmpty();
            assertThat(probe.period()).isEmpty();
            assertThat(probe.executions().percentSucceeded()).isEmpty();
        });
        assertThat(report.period()).isEmpty();
        assertThat(report.all()).isEqualTo(new Report.Executions(0, 0, 0, 0));
    }

    @Test
    void readTraceFile_refusesAFileThatIsNotATraceFile() {
        ReportBuilder builder = new ReportBuilder("lab", UTC);

        assertThatThrownBy(() -> builder.readTraceFile(Path.of("lab", "notes.txt"), problem -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a trace file: " + Path.of("lab", "notes.txt"));
    }

    @Test
    void targetNames_sortWithTheirNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("m10", "pc-10", "m2", "10.0.0.10", "M1", "m1", "10.0.0.9",
                "pc-9", "m02", "m"));

        names.sort(ReportBuilder.NATURAL_ORDER);

        assertThat(names).containsExactly("10.0.0.9", "10.0.0.10", "M1", "m", "m1", "m02", "m2", "m10", "pc-9",
                "pc-10");
    }
}
