package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.BundledDemo;
import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import io.ddc.examples.DemoExperiment;
import io.ddc.examples.LoopbackListener;
import io.ddc.examples.ResourceMonitor;
import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.core.LocalRunner;
import io.ddc.psexec.PsExecRunner;
import io.ddc.spi.RemoteRunner;
import io.ddc.ssh.RemoteShell;
import io.ddc.ssh.SshRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry of bundled experiments, and what every bundled experiment must provide so that
 * {@code ddc run} can build it with either runner.
 */
final class BundledExperimentsTest {
    private static final PrintStream OUT = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);

    private static List<RemoteRunner> runners() {
        return List.of(LocalRunner.create(), PsExecRunner.builder().build());
    }

    @Test
    void everyBundledExperiment_hasADistinctValidName_andAOneLineDescription() {
        List<String> names = BundledExperiments.ALL.stream().map(BundledExperiment::name).toList();

        assertThat(names).doesNotHaveDuplicates().contains("demo");
        for (BundledExperiment experiment : BundledExperiments.ALL) {
            // the name is also the default folder: the API must accept it
            assertThat(Experiment.builder(experiment.name())).as(experiment.name()).isNotNull();
            assertThat(experiment.description()).as(experiment.name()).isNotBlank().doesNotContain("\n")
                    .doesNotEndWith(".");
        }
    }

    @Test
    void everyBundledExperiment_buildsWithEitherRunner() {
        for (BundledExperiment bundled : BundledExperiments.ALL) {
            for (RemoteRunner runner : runners()) {
                BundledExperiment.Setup setup = new BundledExperiment.Setup(runner, OUT);
                List<Probe> probes = bundled.probes(setup);
                Experiment.Builder builder = Experiment.builder(bundled.name())
                        .targets(bundled.defaultTargets(setup).orElse(TargetPool.of("m01")))
                        .schedule(bundled.defaultSchedule())
                        .parallelism(bundled.defaultParallelism())
                        .runner(runner);
                probes.forEach(builder::probe);

                assertThat(probes).as(bundled.name() + " with " + runner.name()).isNotEmpty();
                assertThat(builder.build().probes()).isEqualTo(probes);
            }
        }
    }

    @Test
    void find_matchesTheExactName() {
        assertThat(BundledExperiments.find(BundledExperiments.ALL, "demo")).containsInstanceOf(BundledDemo.class);
        assertThat(BundledExperiments.find(BundledExperiments.ALL, "Demo")).isEmpty();
        assertThat(BundledExperiments.find(BundledExperiments.ALL, "nope")).isEmpty();
    }

    @Test
    void bundledDemo_picksTheProbesOfTheRunnersMachines() {
        BundledDemo demo = new BundledDemo();

        List<Probe> linux = demo.probes(new BundledExperiment.Setup(LocalRunner.create(), OUT));
        List<Probe> windows = demo.probes(new BundledExperiment.Setup(PsExecRunner.builder().build(), OUT));

        assertThat(linux).extracting(Probe::name).containsExactly("os", "load", "hello", "broken");
        assertThat(linux.get(0).command()).containsExactly("uname", "-a");
        assertThat(windows).extracting(Probe::name).containsExactly("os", "load", "hello", "broken");
        assertThat(windows.get(0).command()).containsExactly("cmd", "/c", "ver");
    }

    @Test
    void bundledDemo_hasTheDemosDefaults_andLoopbackTargetsOnlyForTheLocalRunner() {
        BundledDemo demo = new BundledDemo();

        assertThat(demo.defaultSchedule()).isEqualTo(Schedule.periodic(Duration.ofSeconds(2)).withMaxIterations(3));
        assertThat(demo.defaultParallelism()).isEqualTo(3);
        assertThat(demo.defaultTargets(new BundledExperiment.Setup(LocalRunner.create(), OUT)))
                .contains(TargetPool.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));
        assertThat(demo.defaultTargets(new BundledExperiment.Setup(PsExecRunner.builder().build(), OUT))).isEmpty();
    }

    @Test
    void bundledDemo_defaultCheck_opensAPort_andReleaseClosesIt() throws IOException, InterruptedException {
        Optional<BundledExperiment.DefaultCheck> check = new BundledDemo()
                .openDefaultCheck(new BundledExperiment.Setup(LocalRunner.create(), OUT));

        assertThat(check).isPresent();
        assertThat(check.get().check().toString()).matches("tcp:\\d+ within 200 ms");
        assertThat(Cli.demoThreadsNow()).contains(LoopbackListener.THREAD_NAME);

        check.get().release().run();

        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void list_alignsTheDescriptions_afterTheLongestName() {
        BundledExperiment longer = new BundledExperiment() {
            @Override
            public String name() {
                return "resource-monitor";
            }

            @Override
            public String description() {
                return "CPU, memory and disks";
            }

            @Override
            public Schedule defaultSchedule() {
                return Schedule.periodic(Duration.ofMinutes(15));
            }

            @Override
            public List<Probe> probes(Setup setup) {
                return List.of();
            }
        };

        Cli.Run run = Cli.run(Map.of(), false, List.of(new BundledDemo(), longer), "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(
                "demo              " + DemoExperiment.DESCRIPTION,
                "                  probes: os (uname), load (cat), hello (sh), broken (ls)",
                "                  schedule: periodic, every 2s, at most 3 iterations; parallelism 3",
                "resource-monitor  CPU, memory and disks",
                "                  probes: none",
                "                  schedule: periodic, every 15m until stopped (Ctrl-C); parallelism 1");
    }

    @Test
    void theSshRunner_getsTheLinuxCommands_unlessItIsSetUpForPowerShellTargets() {
        try (SshRunner posix = SshRunner.builder().password((target, user) -> new char[0]).build();
                SshRunner windows = SshRunner.builder().password((target, user) -> new char[0])
                        .shell(RemoteShell.POWERSHELL).build()) {
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);

            assertThat(new BundledExperiment.Setup(posix, out).windowsTargets()).isFalse();
            assertThat(new BundledExperiment.Setup(windows, out).windowsTargets()).isTrue();
            assertThat(new ResourceMonitor().probes(new BundledExperiment.Setup(posix, out)).get(0).command())
                    .startsWith("sh", "-c");
        }
    }
}
