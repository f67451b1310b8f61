package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.spi.Availability;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ExperimentTest {
    private static final Probe LOAD = Probe.builder("load").command("cat", "/proc/loadavg").build();
    private static final Probe DISK = Probe.builder("disk").command("df", "-k").build();
    private static final TargetPool POOL = TargetPool.of("m01", "m02");

    /** A runner that never runs anything, with a check of its own so that the default can be recognised. */
    private static final class FakeRunner implements RemoteRunner {
        final AvailabilityCheck ownCheck = target -> Availability.unavailable("fake");

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public RunResult run(ExecutionRequest request) {
            return RunResult.exited(0);
        }

        @Override
        public AvailabilityCheck defaultAvailabilityCheck() {
            return ownCheck;
        }
    }

    private final FakeRunner runner = new FakeRunner();

    private Experiment.Builder complete(String name) {
        return Experiment.builder(name).probe(LOAD).targets(POOL).runner(runner);
    }

    @Test
    void builder_emptyName_isRejected() {
        assertThatThrownBy(() -> Experiment.builder(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name is empty: use 1 to 64 of the characters A-Z a-z 0-9 . _ -");
    }

    @Test
    void builder_nameOf65Characters_isRejected() {
        String name = "e".repeat(65);

        assertThatThrownBy(() -> Experiment.builder(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name '" + name + "' is 65 characters long: at most 64 are allowed");
    }

    @Test
    void builder_nameWithABadCharacter_isRejected() {
        assertThatThrownBy(() -> Experiment.builder("../lab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name '../lab' contains '/' (U+002F): use only the characters A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Experiment.builder("lab\\1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name 'lab\\1' contains '\\' (U+005C): use only the characters A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Experiment.builder("C:lab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name 'C:lab' contains ':' (U+003A): use only the characters A-Z a-z 0-9 . _ -");
    }

    @Test
    void builder_nameStartingWithDotOrDash_isRejected() {
        assertThatThrownBy(() -> Experiment.builder(".."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name '..' starts with '.': start it with a letter, a digit or '_'");
        assertThatThrownBy(() -> Experiment.builder("-lab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name '-lab' starts with '-': start it with a letter, a digit or '_'");
    }

    @Test
    void builder_nameOf64Characters_isAccepted() {
        String name = "e".repeat(64);

        assertThat(complete(name).build().name()).isEqualTo(name);
    }

    @Test
    void build_withoutProbe_isRejected() {
        assertThatThrownBy(() -> Experiment.builder("lab").targets(POOL).runner(runner).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("experiment 'lab' has no probe: call probe(...)");
    }

    @Test
    void build_withoutTargets_isRejected() {
        assertThatThrownBy(() -> Experiment.builder("lab").probe(LOAD).runner(runner).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("experiment 'lab' has no targets: call targets(...)");
    }

    @Test
    void build_withoutRunner_isRejected() {
        assertThatThrownBy(() -> Experiment.builder("lab").probe(LOAD).targets(POOL).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("experiment 'lab' has no runner: call runner(...), e.g. runner(RemoteRunner.load(\"local\"))");
    }

    @Test
    void probe_duplicateName_isRejected() {
        Experiment.Builder builder = Experiment.builder("lab").probe(LOAD);
        Probe sameName = Probe.builder("load").command("uptime").build();

        assertThatThrownBy(() -> builder.probe(sameName))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("experiment 'lab' already has a probe named 'load'");
    }

    @Test
    void parallelism_outOfRange_isRejected() {
        Experiment.Builder builder = Experiment.builder("lab");

        assertThatThrownBy(() -> builder.parallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be 1 to 10000, got 0");
        assertThatThrownBy(() -> builder.parallelism(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be 1 to 10000, got -3");
        assertThatThrownBy(() -> builder.parallelism(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be 1 to 10000, got 10001");
    }

    @Test
    void parallelism_bounds_areAccepted() {
        assertThat(complete("lab").parallelism(1).build().parallelism()).isEqualTo(1);
        assertThat(complete("lab").parallelism(Experiment.MAX_PARALLELISM).build().parallelism()).isEqualTo(10_000);
    }

    @Test
    void postCollectorTimeout_zeroOrNegative_isRejected() {
        Experiment.Builder builder = Experiment.builder("lab");

        assertThatThrownBy(() -> builder.postCollectorTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("post-collector timeout must be positive, got PT0S");
        assertThatThrownBy(() -> builder.postCollectorTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("post-collector timeout must be positive, got PT-0.001S");
    }

    @Test
    void grace_defaultsToTenSeconds_acceptsZero_andRefusesANegativeOne() {
        assertThat(complete("lab").build().grace()).isEqualTo(Duration.ofSeconds(10)).isEqualTo(Experiment.DEFAULT_GRACE);
        assertThat(complete("lab").grace(Duration.ZERO).build().grace()).isZero();
        assertThat(complete("lab").grace(Duration.ofMinutes(2)).build().grace()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Experiment.builder("lab").grace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace must not be negative, got PT-1S");
        assertThatThrownBy(() -> Experiment.builder("lab").grace(null))
                .isInstanceOf(NullPointerException.class).hasMessage("time");
    }

    @Test
    void postCollectorThreads_outOfRange_isRejected() {
        Experiment.Builder builder = Experiment.builder("lab");

        assertThatThrownBy(() -> builder.postCollectorThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("post-collector threads must be 1 to 256, got 0");
        assertThatThrownBy(() -> builder.postCollectorThreads(257))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("post-collector threads must be 1 to 256, got 257");
    }

    @Test
    void postCollectorSettings_withinBounds_areKept() {
        Experiment experiment = complete("lab").postCollectorThreads(256).postCollectorTimeout(Duration.ofMillis(1))
                .build();

        assertThat(experiment.postCollectorThreads()).isEqualTo(256);
        assertThat(experiment.postCollectorTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(complete("lab").postCollectorThreads(1).build().postCollectorThreads()).isEqualTo(1);
    }

    @Test
    void build_defaults() {
        Experiment experiment = complete("lab").build();

        assertThat(experiment.name()).isEqualTo("lab");
        assertThat(experiment.schedule()).isEqualTo(Schedule.periodic(Duration.ofMinutes(15)))
                .isEqualTo(Experiment.DEFAULT_SCHEDULE);
        assertThat(experiment.parallelism()).isEqualTo(1);
        assertThat(experiment.storageRoot()).isEqualTo(Path.of("ddc-data"));
        assertThat(experiment.folder()).isEqualTo(Path.of("ddc-data", "lab"));
        assertThat(experiment.availabilityCheck()).isSameAs(runner.ownCheck);
        assertThat(experiment.postCollectorTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(experiment.postCollectorThreads()).isEqualTo(2);
        assertThat(experiment.settings().clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(experiment.listeners()).isEmpty();
        assertThat(experiment.runner()).isSameAs(runner);
        assertThat(experiment.targets()).isEqualTo(POOL);
        assertThat(experiment.probes()).containsExactly(LOAD);
        assertThat(experiment.settings().durability()).isEqualTo(Durability.EACH_VISIT);
        assertThat(experiment.settings().freshStart()).isFalse();
        assertThat(experiment.grace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void build_keepsWhatWasSet() {
        AvailabilityCheck check = AvailabilityCheck.always();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_081_948_390), ZoneOffset.UTC);
        Sleeper sleeper = duration -> { };
        ExperimentListener listener = new ExperimentListener() { };
        Schedule schedule = Schedule.singleShot().withMaxIterations(3);

        Experiment experiment = complete("lab").probe(DISK).availabilityCheck(check).clock(clock).sleeper(sleeper)
                .listener(listener).schedule(schedule).storageRoot(Path.of("/var/ddc")).parallelism(8)
                .durability(Durability.EACH_EXECUTION).freshStart(true).build();

        assertThat(experiment.probes()).containsExactly(LOAD, DISK);
        assertThat(experiment.availabilityCheck()).isSameAs(check);
        assertThat(experiment.settings().clock()).isSameAs(clock);
        assertThat(experiment.settings().sleeper()).isSameAs(sleeper);
        assertThat(experiment.listeners()).containsExactly(listener);
        assertThat(experiment.schedule()).isSameAs(schedule);
        assertThat(experiment.storageRoot()).isEqualTo(Path.of("/var/ddc"));
        assertThat(experiment.folder()).isEqualTo(Path.of("/var/ddc/lab"));
        assertThat(experiment.parallelism()).isEqualTo(8);
        assertThat(experiment.settings().durability()).isEqualTo(Durability.EACH_EXECUTION);
        assertThat(experiment.settings().freshStart()).isTrue();
    }

    @Test
    void toBuilder_copiesEverything_andTheCopyCanChangeOneThing() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_081_948_390), ZoneOffset.UTC);
        ExperimentListener listener = new ExperimentListener() { };
        Experiment original = complete("lab").probe(DISK).clock(clock).listener(listener).parallelism(8)
                .durability(Durability.OPERATING_SYSTEM).freshStart(true).grace(Duration.ofSeconds(3))
                .postCollectorThreads(5).postCollectorTimeout(Duration.ofSeconds(7)).build();

        Experiment copy = original.toBuilder().parallelism(2).build();

        assertThat(copy.parallelism()).isEqualTo(2);
        assertThat(original.parallelism()).isEqualTo(8);
        assertThat(copy.probes()).containsExactly(LOAD, DISK);
        assertThat(copy.targets()).isEqualTo(POOL);
        assertThat(copy.runner()).isSameAs(runner);
        assertThat(copy.availabilityCheck()).isSameAs(original.availabilityCheck());
        assertThat(copy.listeners()).containsExactly(listener);
        assertThat(copy.settings()).isEqualTo(original.settings());
        assertThat(copy.grace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(copy.postCollectorThreads()).isEqualTo(5);
        assertThat(copy.postCollectorTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.schedule()).isEqualTo(original.schedule());
        assertThat(copy.storageRoot()).isEqualTo(original.storageRoot());
    }

    @Test
    void toBuilder_knowsEveryFieldOfExperiment() {
        // a new field of Experiment must be copied by toBuilder, then listed here
        List<String> fields = java.util.Arrays.stream(Experiment.class.getDeclaredFields())
                .filter(field -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
                .map(java.lang.reflect.Field::getName)
                .toList();

        assertThat(fields).containsExactlyInAnyOrder("name", "probes", "targets", "schedule", "runner",
                "availabilityCheck", "parallelism", "storageRoot", "listeners", "postCollectorTimeout",
                "postCollectorThreads", "settings", "grace");
    }

    @Test
    void build_asksTheRunnerToValidateEachProbe() {
        RemoteRunner picky = new RemoteRunner() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public io.ddc.spi.RunResult run(io.ddc.spi.ExecutionRequest request) {
                throw new AssertionError("never run");
            }

            @Override
            public void validate(Probe probe) {
                if (probe.command().contains("\n")) {
                    throw new IllegalArgumentException("probe '" + probe.name() + "': a line break cannot be sent");
                }
            }
        };
        Experiment.Builder builder = Experiment.builder("lab").targets(POOL).runner(picky)
                .probe(Probe.builder("bad").command("echo", "\n").build());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'bad': a line break cannot be sent");
    }

    @Test
    void durabilityAndFreshStart_canBeChangedAgain() {
        Experiment experiment = complete("lab").durability(Durability.EACH_EXECUTION).freshStart(true)
                .durability(Durability.OPERATING_SYSTEM).freshStart(false).build();

        assertThat(experiment.settings().durability()).isEqualTo(Durability.OPERATING_SYSTEM);
        assertThat(experiment.settings().freshStart()).isFalse();
    }

    @Test
    void build_laterBuilderChanges_doNotAffectTheExperiment() {
        Experiment.Builder builder = complete("lab");
        Experiment experiment = builder.build();

        builder.probe(DISK).listener(new ExperimentListener() { }).parallelism(4).targets(TargetPool.of("m09"));

        assertThat(experiment.probes()).containsExactly(LOAD);
        assertThat(experiment.listeners()).isEmpty();
        assertThat(experiment.parallelism()).isEqualTo(1);
        assertThat(experiment.targets()).isEqualTo(POOL);
        assertThatThrownBy(() -> experiment.probes().add(DISK)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> experiment.listeners().add(new ExperimentListener() { }))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void setters_rejectNull() {
        Experiment.Builder builder = Experiment.builder("lab");

        assertThatThrownBy(() -> builder.probe(null)).isInstanceOf(NullPointerException.class).hasMessage("probe");
        assertThatThrownBy(() -> builder.targets(null)).isInstanceOf(NullPointerException.class).hasMessage("pool");
        assertThatThrownBy(() -> builder.runner(null)).isInstanceOf(NullPointerException.class).hasMessage("runner");
        assertThatThrownBy(() -> builder.schedule(null)).isInstanceOf(NullPointerException.class).hasMessage("schedule");
        assertThatThrownBy(() -> builder.storageRoot(null)).isInstanceOf(NullPointerException.class).hasMessage("root");
    }

    @Test
    void start_withoutAnEngine_throwsDdcException() {
        Experiment experiment = complete("lab").build();

        assertThatThrownBy(experiment::start)
                .isInstanceOf(DdcException.class)
                .hasMessage("no DDC engine found: put io.ddc:ddc-core on the class path or module path");
    }

    @Test
    void toString_summarisesTheExperiment() {
        Experiment experiment = complete("lab").parallelism(3).build();

        assertThat(experiment).hasToString("Experiment[lab, 1 probes, 2 targets, " + Experiment.DEFAULT_SCHEDULE
                + ", runner fake, parallelism 3]");
    }

    @Test
    void probe_namesDifferingOnlyInCase_areRejected() {
        Experiment.Builder builder = complete("e");

        assertThatThrownBy(() -> builder.probe(Probe.builder("LOAD").command("x").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("probe 'LOAD' differs from probe 'load' only in case: their files would collide on"
                        + " Windows and macOS");
    }

    @Test
    void builder_windowsDeviceName_isRejected() {
        assertThatThrownBy(() -> Experiment.builder("aux"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name 'aux' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
                        + " and cannot name a file");
        assertThatThrownBy(() -> Probe.builder("nul.x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name 'nul.x' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
                        + " and cannot name a file");
    }
}
