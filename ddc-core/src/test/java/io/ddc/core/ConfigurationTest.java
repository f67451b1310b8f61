package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.TargetPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors are reported before anything is started or written. */
final class ConfigurationTest {
    @TempDir
    Path root;

    private long filesUnderRoot() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> !path.equals(root)).count();
        }
    }

    @Test
    void aBadTargetsFileLineIsReportedAndNothingIsWritten() throws Exception {
        Path file = Files.writeString(root.resolve("targets.txt"), "m01\n# lab B\nm02;reboot\n");
        Path storage = root.resolve("data");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": line 3: target 'm02;reboot' contains the shell metacharacter ';'");
        assertThat(storage).doesNotExist();
        assertThat(filesUnderRoot()).isEqualTo(1);
    }

    @Test
    void aBadExperimentNameIsReportedAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> Experiment.builder("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment name '../escape' contains '/' (U+002F): use only the characters A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Probe.builder("-rf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name '-rf' starts with '-': start it with a letter, a digit or '_'");
        assertThat(filesUnderRoot()).isZero();
    }

    @Test
    void aStorageRootThatIsAFileStopsTheStartBeforeAnyThreadOrFile() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("data"), "x");
        Experiment experiment = Experiment.builder("e").targets(TargetPool.of("a"))
                .probe(Probe.builder("p").command("true").build())
                .runner(FakeRunner.exitCodes(request -> 0))
                .storageRoot(notAFolder)
                .build();

        assertThatThrownBy(experiment::start)
                .isInstanceOf(DdcException.class)
                .hasMessage("storage root " + notAFolder + " is not a folder: choose another storage root");
        assertThat(filesUnderRoot()).isEqualTo(1);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("ddc-e-"));
    }

    @Test
    void aSecondCoordinatorOnTheSameFolderIsRefusedNamingTheHolderAndMayStartOnceItEnded() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeRunner blocking = new FakeRunner(request -> {
            running.countDown();
            release.await();
            return io.ddc.spi.RunResult.exited(0);
        });
        Experiment.Builder builder = Experiment.builder("shared").targets(TargetPool.of("a"))
                .probe(Probe.builder("p").command("true").build())
                .schedule(io.ddc.Schedule.periodic(java.time.Duration.ofSeconds(1)).withMaxIterations(1))
                .storageRoot(root);
        io.ddc.ExperimentRun first = builder.runner(blocking).build().start();
        assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Experiment second = builder.runner(FakeRunner.exitCodes(request -> 0)).build();

        String holder = "pid " + ProcessHandle.current().pid() + " on "
                + java.net.InetAddress.getLocalHost().getHostName();
        assertThatThrownBy(second::start)
                .isInstanceOf(DdcException.class)
                .hasMessage("experiment folder " + root.resolve("shared") + " is in use by another coordinator ("
                        + holder + "): stop that one first, or use another experiment name or storage root");
        release.countDown();
        first.await();

        assertThat(second.start().await().iterations()).isEqualTo(1);
    }
}
