package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.ddc.DdcException;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** One coordinator per experiment folder, across JVMs: the second is refused; a killed one frees it. */
@DisabledOnOs(OS.WINDOWS)
final class FolderLockAcrossProcessesTest {
    private static final String NAME = "locked";

    @TempDir
    Path root;

    private Process holder;
    private Process second;

    @AfterEach
    void endTheChildren() throws InterruptedException {
        for (Process process : new Process[] {holder, second}) {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts a child coordinator and waits until it holds the folder; returns its PID. */
    private long startHolder() throws Exception {
        holder = ChildJvm.start(ChildCoordinator.class, root.resolve("holder.err"), root.toString(), NAME);
        BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertThat(line).as("the child's first line (its errors: %s)", root.resolve("holder.err"))
                .isEqualTo(ChildCoordinator.RUNNING + " " + holder.pid());
        return holder.pid();
    }

    private Experiment sameExperiment() {
        return Experiment.builder(NAME)
                .storageRoot(root)
                .targets(TargetPool.of("127.0.0.1"))
                .availabilityCheck(AvailabilityCheck.always())
                .runner(LocalRunner.create())
                .probe(Probe.builder("tick").command("true").timeout(Duration.ofSeconds(10)).build())
                .schedule(Schedule.periodic(Duration.ofSeconds(1)).withMaxIterations(1))
                .build();
    }

    @Test
    void secondCoordinator_inThisJvm_isRefused_namingTheOtherProcess() throws Exception {
        long pid = startHolder();

        assertThatExceptionOfType(DdcException.class).isThrownBy(() -> sameExperiment().start())
                .withMessageStartingWith("experiment folder " + root.resolve(NAME) + " is in use by another"
                        + " coordinator (pid " + pid + " on ")
                .withMessageEndingWith("): stop that one first, or use another experiment name or storage root");
    }

    @Test
    void secondCoordinator_inAnotherJvm_isRefused_namingTheFirst() throws Exception {
        long pid = startHolder();
        Path errors = root.resolve("second.err");

        second = ChildJvm.start(ChildCoordinator.class, errors, root.toString(), NAME);

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(3);
        assertThat(Files.readString(errors)).contains("is in use by another coordinator (pid " + pid + " on ");
    }

    @Test
    void holderKilledWithSigkill_freesTheFolder_althoughItsLockFileStays() throws Exception {
        startHolder();
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(root.resolve(NAME).resolve(".lock")).exists();

        try (ExperimentRun run = sameExperiment().start()) {
            assertThat(run.await().allSucceeded()).isTrue();
        }
    }
}
