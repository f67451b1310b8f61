package io.ddc.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * The schedule options: how they replace an experiment's defaults, every bad value refused with
 * exit code 2 by {@code run} and {@code exec} before anything is written, and {@code --timeout}'s
 * copy of a probe.
 */
final class ScheduleOptionsTest {
    private static final Schedule PERIODIC = Schedule.periodic(Duration.ofMinutes(15));

    @TempDir
    Path temp;

    /** A command that only holds the mixin, to parse options and resolve them. */
    @Command(name = "test")
    static final class Holder {
        @Mixin
        ScheduleOptions options = new ScheduleOptions();
    }

    private static ScheduleOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    private static ScheduleOptions.Choice resolve(Schedule defaults, String... args) {
        return parse(args).resolve(defaults, 4);
    }

    @Test
    void noOption_keepsTheDefaults() {
        Schedule defaults = Schedule.singleShot().withInterval(Duration.ofSeconds(5)).withMinimumGap(Duration.ofSeconds(3))
                .withMaxIterations(7).withDeadline(Duration.ofHours(2));

        ScheduleOptions.Choice choice = resolve(defaults);

        assertThat(choice.schedule()).isEqualTo(defaults);
        assertThat(choice.parallelism()).isEqualTo(4);
        assertThat(choice.timeout()).isEmpty();
    }

    @Test
    void everyOption_replacesItsDefault() {
        ScheduleOptions.Choice choice = resolve(PERIODIC.withMaxIterations(3), "--iterations", "9", "--interval", "1m30s",
                "--min-gap", "2s", "--deadline", "2h", "--parallelism", "12", "--timeout", "45s");

        assertThat(choice.schedule()).isEqualTo(Schedule.periodic(Duration.ofSeconds(90)).withMinimumGap(Duration.ofSeconds(2))
                .withMaxIterations(9).withDeadline(Duration.ofHours(2)));
        assertThat(choice.parallelism()).isEqualTo(12);
        assertThat(choice.timeout()).contains(Duration.ofSeconds(45));
    }

    @Test
    void singleShot_makesAPeriodicExperimentSingleShot_atItsOwnPace() {
        ScheduleOptions.Choice choice = resolve(Schedule.periodic(Duration.ofSeconds(2)).withMaxIterations(3),
                "--single-shot");

        assertThat(choice.schedule()).isEqualTo(Schedule.singleShot().withInterval(Duration.ofSeconds(2))
                .withMaxIterations(3));
    }

    @Test
    void singleShot_withInterval_retriesAtThatInterval() {
        ScheduleOptions.Choice choice = resolve(PERIODIC, "--single-shot", "--interval", "1500ms");

        assertThat(choice.schedule().mode()).isEqualTo(Schedule.Mode.SINGLE_SHOT);
        assertThat(choice.schedule().interval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(choice.schedule().minimumGap()).isEqualTo(Duration.ofSeconds(1));
    }

    /** Regression: {@code --interval 100ms --iterations 150} gave ids spanning 149 s for a 15 s run. */
    @Test
    void intervalOrGapUnderASecond_isAUsageError_namingTheOptionAndTheValue() {
        assertThatThrownBy(() -> resolve(PERIODIC, "--interval", "100ms"))
                .isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("Invalid value for option '--interval': interval must be at least 1 s, got"
                        + " 100 ms: ");
        assertThatThrownBy(() -> resolve(PERIODIC, "--min-gap", "0s"))
                .isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("Invalid value for option '--min-gap': minimum gap must be at least 1 s, got"
                        + " 0 s: ");
    }

    @Test
    void interval_keepsAGapTheExperimentChose() {
        ScheduleOptions.Choice choice = resolve(PERIODIC.withMinimumGap(Duration.ofSeconds(30)), "--interval", "5m");

        assertThat(choice.schedule().minimumGap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void asksToRepeat_onlyForInterval_deadline_orSingleShot() {
        assertThat(parse().asksToRepeat()).isFalse();
        assertThat(parse("--iterations", "3", "--timeout", "1s", "--parallelism", "2", "--min-gap", "1s").asksToRepeat())
                .isFalse();
        assertThat(parse("--interval", "1s").asksToRepeat()).isTrue();
        assertThat(parse("--deadline", "1m").asksToRepeat()).isTrue();
        assertThat(parse("--single-shot").asksToRepeat()).isTrue();
    }

    @Test
    void resolve_throwsAParameterException_namingTheOption() {
        assertThatThrownBy(() -> resolve(PERIODIC, "--deadline", "0s"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--deadline must be more than zero, got '0s'");
    }

    static Stream<Arguments> badOptions() {
        String duration = "' is not a duration: write a whole number and a unit (ms, s, m, h), such as 500ms, 30s, 5m,"
                + " 1h or 1h30m";
        List<Arguments> cases = new ArrayList<>();
        for (String command : List.of("run", "exec")) {
            cases.addAll(List.of(
                    Arguments.of(command, List.of("--iterations", "0"), "--iterations must be 1 or more, got 0"),
                    Arguments.of(command, List.of("--iterations", "-3"), "--iterations must be 1 or more, got -3"),
                    Arguments.of(command, List.of("--iterations", "many"),
                            "Invalid value for option '--iterations': 'many' is not an int"),
                    Arguments.of(command, List.of("--parallelism", "0"), "--parallelism must be 1 to 10000, got 0"),
                    Arguments.of(command, List.of("--parallelism", "10001"),
                            "--parallelism must be 1 to 10000, got 10001"),
                    Arguments.of(command, List.of("--parallelism", "x"),
                            "Invalid value for option '--parallelism': 'x' is not an int"),
                    Arguments.of(command, List.of("--interval", "5"), "Invalid value for option '--interval': '5" + duration),
                    Arguments.of(command, List.of("--interval", "0s"), "--interval must be more than zero, got '0s'"),
                    Arguments.of(command, List.of("--interval", "1.5h"),
                            "Invalid value for option '--interval': '1.5h" + duration),
                    Arguments.of(command, List.of("--min-gap", "-1s"),
                            "Invalid value for option '--min-gap': '-1s" + duration),
                    Arguments.of(command, List.of("--deadline", "1d"),
                            "Invalid value for option '--deadline': '1d" + duration),
                    Arguments.of(command, List.of("--deadline", "0ms"), "--deadline must be more than zero, got '0ms'"),
                    Arguments.of(command, List.of("--deadline", "100000h"),
                            "Invalid value for option '--deadline': '100000h' is too long: a duration is at most 87600h"
                                    + " (10 years)"),
                    Arguments.of(command, List.of("--timeout", "0s"), "--timeout must be more than zero, got '0s'"),
                    Arguments.of(command, List.of("--timeout", "30m1h"), "Invalid value for option '--timeout': '30m1h'"
                            + " is not a duration: write each unit once, from the largest to the smallest (h, m, s,"
                            + " ms), such as 1h30m or 2m30s"),
                    Arguments.of(command, List.of("--single-shot=maybe"),
                            "Invalid value for option '--single-shot': 'maybe' is not a boolean")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    void badOption_isExit2_withAMessageNamingIt_andNothingWritten(String command, List<String> options, String message)
            throws InterruptedException {
        Path root = temp.resolve("root");
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("run")) {
            args.add("demo");
        }
        args.addAll(List.of("--out", root.toString()));
        args.addAll(options);
        if (command.equals("exec")) {
            args.addAll(List.of("--", "true"));
        }

        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc " + command + " --help' for more information.");
        assertThat(root).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }
}
