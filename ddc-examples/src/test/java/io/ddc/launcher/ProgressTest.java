package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.IterationStart;
import io.ddc.IterationSummary;
import io.ddc.NextIteration;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TraceLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The progress display in both modes, fed with the listener callbacks an engine makes, and the
 * console that keeps lines apart from the live status line.
 */
final class ProgressTest {
    private static final List<String> PROBES = List.of("os", "load");
    private static final Schedule THREE = Schedule.periodic(Duration.ofSeconds(2)).withMaxIterations(3);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, UTF_8);

    private String printed() {
        return bytes.toString(UTF_8);
    }

    /** A released console, as the launcher has once it printed its introduction. */
    private ProgressConsole console(boolean terminal) {
        ProgressConsole console = new ProgressConsole(out, terminal);
        console.release(List.of());
        return console;
    }

    private static ExecutionResult result(String target, String probe, Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> new ExecutionResult(Target.of(target), probe, 100, OptionalInt.of(0),
                    Output.empty(), Output.empty(), Duration.ofMillis(5), Optional.empty());
            case FAILED -> new ExecutionResult(Target.of(target), probe, 100, OptionalInt.of(2),
                    Output.empty(), Output.empty(), Duration.ofMillis(5),
                    Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code 2 is not accepted")));
            case UNAVAILABLE -> ExecutionResult.unavailable(Target.of(target), probe, 100, "refused");
        };
    }

    /** One iteration over m01 (os succeeded, load failed) and m02 (unavailable), in 1.25 s. */
    private static void iteration(Progress progress, long id) {
        progress.iterationStarted(new IterationStart("lab", id, 2));
        progress.executionFinished(result("m01", "os", Outcome.SUCCEEDED));
        progress.executionFinished(result("m02", "os", Outcome.UNAVAILABLE));
        progress.executionFinished(result("m02", "load", Outcome.UNAVAILABLE));
        progress.executionFinished(result("m01", "load", Outcome.FAILED));
        Map<String, TraceLine> lines = new LinkedHashMap<>();
        lines.put("os", new TraceLine(id, Duration.ofMillis(1250), List.of("m01"), List.of(), List.of("m02")));
        lines.put("load", new TraceLine(id, Duration.ofMillis(1250), List.of(), List.of("m01"), List.of("m02")));
        progress.iterationFinished(new IterationSummary("lab", id, Instant.EPOCH, Duration.ofMillis(1250), lines));
    }

    @Test
    void plainLines_oneWhenAnIterationStarts_onePerTargetDone_andTheSummary() {
        Progress progress = new Progress(console(false), PROBES, THREE);

        iteration(progress, 1712345678);
        iteration(progress, 1712345680);

        assertThat(printed().lines()).containsExactly(
                "iteration 1 of 3 (id 1712345678) started: 2 target(s)",
                "  [1/2] m02: 0 succeeded, 0 failed, 2 unavailable",
                "  [2/2] m01: 1 succeeded, 1 failed, 0 unavailable",
                "iteration 1 of 3 (id 1712345678): 1 succeeded, 1 failed, 2 unavailable (25.0% succeeded) in 1.3 s",
                "iteration 2 of 3 (id 1712345680) started: 2 target(s)",
                "  [1/2] m02: 0 succeeded, 0 failed, 2 unavailable",
                "  [2/2] m01: 1 succeeded, 1 failed, 0 unavailable",
                "iteration 2 of 3 (id 1712345680): 1 succeeded, 1 failed, 2 unavailable (25.0% succeeded) in 1.3 s");
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void terminal_rewritesOneStatusLine_thenPrintsTheSummaryInItsPlace() {
        Progress progress = new Progress(console(true), PROBES, THREE);

        iteration(progress, 1712345678);

        String blank = "\r" + " ".repeat(72) + "\r";
        assertThat(printed()).isEqualTo(
                "\riteration 1 of 3: 0/2 targets done; 0 succeeded, 0 failed, 0 unavailable"
                + "\riteration 1 of 3: 0/2 targets done; 1 succeeded, 0 failed, 0 unavailable"
                + "\riteration 1 of 3: 0/2 targets done; 1 succeeded, 0 failed, 1 unavailable"
                + "\riteration 1 of 3: 1/2 targets done; 1 succeeded, 0 failed, 2 unavailable"
                + "\riteration 1 of 3: 2/2 targets done; 1 succeeded, 1 failed, 2 unavailable"
                + blank
                + "iteration 1 of 3 (id 1712345678): 1 succeeded, 1 failed, 2 unavailable (25.0% succeeded) in 1.3 s"
                + System.lineSeparator());
    }

    @Test
    void withoutALimit_iterationsAreNotCountedAgainstOne() {
        Progress progress = new Progress(console(false), PROBES, Schedule.periodic(Duration.ofMinutes(5)));

        iteration(progress, 7);

        assertThat(printed().lines()).first().isEqualTo("iteration 1 (id 7) started: 2 target(s)");
        assertThat(printed().lines()).last().asString().startsWith("iteration 1 (id 7): ");
    }

    @Test
    void singleShot_aTargetIsDoneWhenThePairsNotYetSucceededHaveReported() {
        Progress progress = new Progress(console(false), PROBES, Schedule.singleShot().withInterval(Duration.ofSeconds(1)));
        iteration(progress, 10);
        bytes.reset();

        // m01's os succeeded in iteration 1: only its load runs now
        progress.iterationStarted(new IterationStart("lab", 11, 2));
        progress.executionFinished(result("m01", "load", Outcome.SUCCEEDED));
        progress.executionFinished(result("m02", "os", Outcome.SUCCEEDED));
        progress.executionFinished(result("m02", "load", Outcome.SUCCEEDED));

        assertThat(printed().lines()).containsExactly(
                "iteration 2 (id 11) started: 2 target(s)",
                "  [1/2] m01: 1 succeeded, 0 failed, 0 unavailable",
                "  [2/2] m02: 2 succeeded, 0 failed, 0 unavailable");
    }

    @Test
    void summary_roundsThePercentageAndTheSecondsHalfUp_asATraceLineDoes() {
        Progress progress = new Progress(console(false), List.of("p"), THREE);
        progress.iterationStarted(new IterationStart("lab", 5, 3));
        Map<String, TraceLine> lines = Map.of("p", new TraceLine(5, Duration.ofMillis(2049), List.of("a", "b"),
                List.of("c"), List.of()));

        progress.iterationFinished(new IterationSummary("lab", 5, Instant.EPOCH, Duration.ofMillis(2049), lines));

        assertThat(printed().lines()).last().isEqualTo("iteration 1 of 3 (id 5): 2 succeeded, 1 failed, 0 unavailable"
                + " (66.7% succeeded) in 2.0 s");
    }

    private static final Instant NEXT = Instant.parse("2024-04-14T13:15:00Z");

    @Test
    void plainLines_sayWhenTheNextIterationStarts() {
        Progress progress = new Progress(console(false), PROBES, THREE, new Progress.Options(false, false,
                ZoneOffset.UTC));

        iteration(progress, 1712345678);
        progress.waitingForNextIteration(new NextIteration("lab", NEXT));

        assertThat(printed().lines()).last().isEqualTo("next iteration at 13:15:00");
    }

    @Test
    void terminal_showsTheNextIterationAsTheStatusLine() {
        Progress progress = new Progress(console(true), PROBES, THREE, new Progress.Options(false, false,
                ZoneOffset.ofHours(2)));

        iteration(progress, 1712345678);
        bytes.reset();
        progress.waitingForNextIteration(new NextIteration("lab", NEXT));

        assertThat(printed()).isEqualTo("\rnext iteration at 15:15:00");
    }

    /** Regression: without a terminal, 10,000 executions printed 10,025 lines. */
    @Test
    void quiet_printsOneLinePerIteration_withTheTimeOfTheNext() {
        Progress progress = new Progress(console(false), PROBES, THREE, new Progress.Options(true, false,
                ZoneOffset.UTC));

        iteration(progress, 1712345678);
        progress.waitingForNextIteration(new NextIteration("lab", NEXT));
        iteration(progress, 1712345680);
        progress.finish();

        assertThat(printed().lines()).containsExactly(
                "iteration 1 of 3 (id 1712345678): 1 succeeded, 1 failed, 2 unavailable (25.0% succeeded) in 1.3 s;"
                        + " next iteration at 13:15:00",
                "iteration 2 of 3 (id 1712345680): 1 succeeded, 1 failed, 2 unavailable (25.0% succeeded) in 1.3 s");
    }

    @Test
    void showOutput_printsEachLineOfEachStream_prefixedByTargetAndProbe() {
        Progress progress = new Progress(console(false), PROBES, THREE, new Progress.Options(true, true,
                ZoneOffset.UTC));
        ExecutionResult result = new ExecutionResult(Target.of("m01"), "os", 100, OptionalInt.of(0),
                Output.ofText("Linux m01 6.1\r\nsecond line\n"), Output.ofText("warning\n"), Duration.ofMillis(5),
                Optional.empty());
        ExecutionResult cut = new ExecutionResult(Target.of("m02"), "load", 100, OptionalInt.of(0),
                Output.of("0.42 0.3".getBytes(UTF_8), 40), Output.empty(), Duration.ofMillis(5), Optional.empty());

        progress.iterationStarted(new IterationStart("lab", 100, 2));
        progress.executionFinished(result);
        progress.executionFinished(cut);

        assertThat(printed().lines()).containsExactly(
                "m01 os: Linux m01 6.1",
                "m01 os: second line",
                "m01 os stderr: warning",
                "m02 load: 0.42 0.3",
                "m02 load: ... (8 of 40 bytes shown; the whole output is stored)");
    }

    @Test
    void showOutput_withOneProbe_prefixesByTargetOnly() {
        Progress progress = new Progress(console(false), List.of("p"), THREE, new Progress.Options(true, true,
                ZoneOffset.UTC));

        progress.iterationStarted(new IterationStart("lab", 100, 1));
        progress.executionFinished(new ExecutionResult(Target.of("m01"), "p", 100,
                OptionalInt.of(0), Output.ofText("up 3 days"), Output.empty(), Duration.ofMillis(5), Optional.empty()));

        assertThat(printed().lines()).containsExactly("m01: up 3 days");
    }

    @Test
    void console_aLineWhileTheStatusIsShown_goesAboveIt() {
        ProgressConsole console = console(true);
        console.status("status 1");

        console.line("a line");
        console.status("st 2");

        assertThat(printed()).isEqualTo("\rstatus 1" + "\r        \r" + "a line" + System.lineSeparator() + "status 1"
                + "\rst 2    ");
    }

    @Test
    void console_streamHandsEachWholeLineToLine_andCloseFlushesTheRest() {
        ProgressConsole console = console(true);
        console.status("busy");

        console.stream().print("ALERT m01 ");
        console.stream().println("sda: 8 pending sectors");
        console.stream().print("no line feed");
        console.close();

        assertThat(printed()).isEqualTo("\rbusy" + "\r    \r" + "ALERT m01 sda: 8 pending sectors" + System.lineSeparator()
                + "busy" + "\r    \r" + "no line feed" + System.lineSeparator() + "busy" + "\r    \r");
    }

    @Test
    void console_holdsEverythingUntilReleased_thenPrintsTheIntroductionFirst() {
        ProgressConsole console = new ProgressConsole(out, true);
        console.line("iteration line");
        console.status("status");
        assertThat(printed()).isEmpty();

        console.release(List.of("intro 1", "intro 2"));

        String eol = System.lineSeparator();
        assertThat(printed()).isEqualTo("intro 1" + eol + "intro 2" + eol + "iteration line" + eol + "status");
    }

    @Test
    void console_withoutATerminal_printsNoStatus() {
        ProgressConsole console = console(false);

        console.status("status");
        console.line("line");
        console.clearStatus();

        assertThat(printed()).isEqualTo("line" + System.lineSeparator());
    }
}
