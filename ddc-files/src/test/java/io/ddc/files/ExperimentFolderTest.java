package io.ddc.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TargetPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place that names the files of an experiment folder. */
final class ExperimentFolderTest {
    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "");
    }

    @Test
    void everyFileHasItsPlace() {
        ExperimentFolder folder = ExperimentFolder.of(dir);

        assertThat(folder.path()).isEqualTo(dir);
        assertThat(folder.traceFile("load")).isEqualTo(dir.resolve("load.trace"));
        assertThat(folder.targetFolder(Target.of("m01"))).isEqualTo(dir.resolve("m01"));
        assertThat(folder.stdoutFile(Target.of("m01"), "load")).isEqualTo(dir.resolve("m01/load.stdout"));
        assertThat(folder.stderrFile(Target.of("fe80::1"), "load")).isEqualTo(dir.resolve("fe80__1/load.stderr"));
        assertThat(ExperimentFolder.stdoutFileIn(dir.resolve("m02"), "p")).isEqualTo(dir.resolve("m02/p.stdout"));
        assertThat(ExperimentFolder.stderrFileIn(dir.resolve("m02"), "p")).isEqualTo(dir.resolve("m02/p.stderr"));
        assertThat(folder.databaseFile()).isEqualTo(dir.resolve("ddc.sqlite"));
        assertThat(folder.stateFile()).isEqualTo(dir.resolve(".state"));
        assertThat(folder.temporaryStateFile()).isEqualTo(dir.resolve(".state.tmp"));
        assertThat(folder.lockFile()).isEqualTo(dir.resolve(".lock"));
        assertThat(folder.spoolFolder()).isEqualTo(dir.resolve(".spool"));
    }

    @Test
    void traceFilesAndProbes_areFoundSortedByName_andNothingElse() throws IOException {
        file("b.trace");
        file("a.trace");
        file(".hidden.trace");
        file(".trace");
        file("a.trace.gz");
        file(".state");
        Files.createDirectories(dir.resolve("m01.trace"));
        ExperimentFolder folder = ExperimentFolder.of(dir);

        assertThat(folder.traceFiles()).containsExactly(dir.resolve("a.trace"), dir.resolve("b.trace"));
        assertThat(folder.probes()).containsExactly("a", "b");
        assertThat(ExperimentFolder.of(dir.resolve("missing")).traceFiles()).isEmpty();
        assertThat(ExperimentFolder.probeOfTraceFile(dir.resolve("disk.usage.trace"))).contains("disk.usage");
        assertThat(ExperimentFolder.probeOfTraceFile(dir.resolve("disk.stdout"))).isEmpty();
    }

    @Test
    void targetFolders_areTheFoldersNotStartingWithADot() throws IOException {
        Files.createDirectories(dir.resolve("m10"));
        Files.createDirectories(dir.resolve("m02"));
        Files.createDirectories(dir.resolve(".spool"));
        file("load.trace");

        assertThat(ExperimentFolder.of(dir).targetFolders()).containsExactly(dir.resolve("m02"), dir.resolve("m10"));
    }

    @Test
    void holdsData_ignoresWhatACoordinatorLeavesWithoutWriting() throws IOException {
        ExperimentFolder folder = ExperimentFolder.of(dir);
        file(".lock");
        file(".state.tmp");
        Files.createDirectories(dir.resolve(".spool"));
        assertThat(folder.holdsData()).isFalse();

        file("load.trace");

        assertThat(folder.holdsData()).isTrue();
    }

    @Test
    void checkNames_refusesATargetNamedLikeAProbesTraceFile() {
        List<Probe> probes = List.of(Probe.builder("load").command("x").build());

        ExperimentFolder.checkNames(probes, TargetPool.of("m01", "load.stdout"));
        assertThatThrownBy(() -> ExperimentFolder.checkNames(probes, TargetPool.of("m01", "LOAD.trace")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("target 'LOAD.trace' would have the name of the trace file of probe 'load': rename the probe");
    }
}
