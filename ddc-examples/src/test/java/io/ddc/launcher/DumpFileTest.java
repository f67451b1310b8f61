package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Probe;
import io.ddc.core.LocalRunner;
import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run NAME --dump-file}: each bundled experiment round-trips through an experiment file. */
final class DumpFileTest {
    @TempDir
    Path temp;

    @Test
    void everyBundledExperiment_readsBackAsTheSameExperiment() throws IOException {
        BundledExperiment.Setup setup = new BundledExperiment.Setup(LocalRunner.create(),
                new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        for (BundledExperiment bundled : BundledExperiments.ALL) {
            Cli.Run dump = Cli.run("run", bundled.name(), "--dump-file");
            assertThat(dump.exitCode()).as(dump.err()).isZero();
            Path file = temp.resolve(bundled.name() + ".yaml");
            Files.writeString(file, dump.out(), UTF_8);

            ExperimentFile read = ExperimentFileReader.read(file);

            assertThat(read.name()).isEqualTo(bundled.name());
            assertThat(read.schedule()).isEqualTo(bundled.defaultSchedule());
            assertThat(read.parallelism().getAsInt()).isEqualTo(bundled.defaultParallelism());
            assertThat(read.runner().name()).contains("local");
            assertThat(read.targets()).isEqualTo(bundled.defaultTargets(setup)
                    .orElse(io.ddc.TargetPool.of(ExperimentFileWriter.PLACEHOLDER_TARGET)));
            List<Probe> expected = bundled.probes(setup);
            List<Probe> probes = read.probes().stream().map(ExperimentFile.ProbeEntry::probe).toList();
            assertThat(probes).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(probes.get(i).name()).isEqualTo(expected.get(i).name());
                assertThat(probes.get(i).command()).isEqualTo(expected.get(i).command());
                assertThat(probes.get(i).timeout()).isEqualTo(expected.get(i).timeout());
                assertThat(probes.get(i).acceptedExitCodes()).isEqualTo(expected.get(i).acceptedExitCodes());
            }
            expected.stream().flatMap(probe -> probe.postCollectors().stream()).forEach(collector ->
                    assertThat(dump.out()).contains(collector.name() + " is Java code of the bundled experiment"));
        }
    }

    @Test
    void theDumpedDemo_runsWithRunFile() throws IOException {
        Path file = temp.resolve("demo.yaml");
        Files.writeString(file, Cli.run("run", "demo", "--dump-file").out(), UTF_8);

        Cli.Run run = Cli.run("run", "--file", file.toString(), "--out", temp.resolve("root").toString(),
                "--iterations", "1", "--quiet");

        // the demo's probe 'broken' fails on purpose
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SOME_PAIRS_NEVER_SUCCEEDED);
        assertThat(run.out()).contains("demo: probes [os, load, hello, broken] on 3 target(s) with the local runner,"
                + " one iteration, parallelism 3");
        assertThat(temp.resolve("root/demo/os.trace")).exists();
    }

    @Test
    void dumpFile_isOnlyForABundledExperiment() {
        Cli.Run run = Cli.run("run", "--file", temp.resolve("x.yaml").toString(), "--dump-file");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.errLines()).first().isEqualTo("--dump-file prints a bundled experiment: give its NAME instead of"
                + " --file");
    }
}
