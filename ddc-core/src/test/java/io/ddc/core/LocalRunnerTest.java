package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
import io.ddc.testing.LiveThreads;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real processes through /bin/sh: what the local runner promises is about processes. */
@EnabledOnOs(OS.LINUX)
final class LocalRunnerTest {
    private static final String EXPERIMENT = "lrt";
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path root;

    private static Probe sh(String name, String script) {
        return Probe.builder(name).command("/bin/sh", "-c", script).timeout(Duration.ofSeconds(10)).build();
    }

    private static String text(ByteArrayOutputStream sink) {
        return sink.toString(StandardCharsets.UTF_8);
    }

    private Experiment.Builder experiment(RemoteRunner runner, Probe... probes) {
        Experiment.Builder builder = Experiment.builder(EXPERIMENT)
                .targets(TargetPool.of("m01"))
                .runner(runner)
                .storageRoot(root)
                .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1));
        for (Probe probe : probes) {
            builder.probe(probe);
        }
        return builder;
    }

    private static ExperimentListener collectingInto(Map<String, ExecutionResult> results) {
        return new ExperimentListener() {
            @Override
            public void executionFinished(ExecutionResult result) {
                results.put(result.probe(), result);
            }
        };
    }

    private static Set<Long> descendantsOfThisJvm() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** Waits, at most {@code limit}, for the processes not in {@code before} to be gone: killed ones need reaping. */
    private static Set<Long> newDescendantsAfter(Set<Long> before, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<Long> left = descendantsOfThisJvm();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = descendantsOfThisJvm();
            left.removeAll(before);
        }
        return left;
    }

    /** Waits, at most {@code limit}, until the process is gone: a killed orphan is reaped by init, not by us. */
    private static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isAlive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !isAlive(pid);
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void targetFamily_isTheCoordinators_posixOnThisLinuxMachine() {
        assertThat(LocalRunner.create().targetFamily()).isEqualTo(TargetFamily.POSIX);
    }

    @Test
    void targetFamily_isWindowsForEveryWindowsName_andPosixForTheOthers() {
        assertThat(List.of("Windows 11", "Windows Server 2022", "windows 10")).allSatisfy(
                name -> assertThat(LocalRunner.familyOf(name)).as(name).isEqualTo(TargetFamily.WINDOWS));
        assertThat(List.of("Linux", "Mac OS X", "FreeBSD", "SunOS", "")).allSatisfy(
                name -> assertThat(LocalRunner.familyOf(name)).as(name).isEqualTo(TargetFamily.POSIX));
    }

    @Test
    void theTargetProbeAndIterationReachTheChildInItsEnvironment() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Probe probe = sh("env-probe", "printf '%s|%s|%s' \"$DDC_TARGET\" \"$DDC_PROBE\" \"$DDC_ITERATION\"; echo oops >&2");

        RunResult result = LocalRunner.create().run(new ExecutionRequest(EXPERIMENT, 1_081_948_390L,
                Target.of("fe80::1"), probe, out, err));

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("fe80::1|env-probe|1081948390");
        assertThat(text(err)).isEqualTo("oops\n");
    }

    @Test
    void argumentsArePassedOneByOneWithoutAShell() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Probe probe = Probe.builder("args").command("/bin/sh", "-c", "printf '[%s]' \"$@\"", "sh", "a b", "$HOME", "*;")
                .build();

        RunResult result = LocalRunner.create().run(new ExecutionRequest(EXPERIMENT, 1, Target.of("m01"), probe, out,
                new ByteArrayOutputStream()));

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("[a b][$HOME][*;]");
    }

    @Test
    void aProbeThatReadsStandardInputSeesEndOfFileAtOnce() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Probe probe = sh("stdin", "if read line; then echo \"read: $line\"; else echo eof; fi");
        long started = System.nanoTime();

        RunResult result = LocalRunner.create().run(new ExecutionRequest(EXPERIMENT, 1, Target.of("m01"), probe, out,
                new ByteArrayOutputStream()));

        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(text(out)).isEqualTo("eof\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theServiceLoaderFindsTheLocalRunnerByName() {
        RemoteRunner runner = RemoteRunner.load("local");

        assertThat(runner).isInstanceOf(LocalRunner.class);
        assertThat(runner.name()).isEqualTo("local");
    }

    @Test
    void exitCodesTimeoutsAndMissingProgramsBecomeOutcomes() throws Exception {
        Map<String, ExecutionResult> results = new ConcurrentHashMap<>();
        Completion completion = experiment(RemoteRunner.load("local"),
                sh("ok", "echo fine"),
                sh("three", "exit 3"),
                Probe.builder("accepted").command("/bin/sh", "-c", "exit 3").acceptExitCodes(0, 3).build(),
                Probe.builder("missing").command("/nonexistent/ddc-no-such-program").build(),
                Probe.builder("slow").command("sleep", "30").timeout(SHORT_TIMEOUT).build())
                .listener(collectingInto(results))
                .build().start().await();

        assertThat(completion.iterations()).isEqualTo(1);
        assertThat(results).containsOnlyKeys("ok", "three", "accepted", "missing", "slow");
        ExecutionResult ok = results.get("ok");
        assertThat(ok.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(ok.exitCode()).hasValue(0);
        assertThat(ok.stdout().text()).isEqualTo("fine\n");
        assertThat(ok.failure()).isEmpty();

        ExecutionResult three = results.get("three");
        assertThat(three.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(three.exitCode()).hasValue(3);
        assertThat(three.failure()).hasValue(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED,
                "exit code 3 is not accepted (accepted: 0)"));

        ExecutionResult accepted = results.get("accepted");
        assertThat(accepted.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(accepted.exitCode()).hasValue(3);

        ExecutionResult missing = results.get("missing");
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.exitCode()).isEmpty();
        assertThat(missing.failure()).hasValue(new Failure(Failure.Kind.COULD_NOT_START,
                "could not start /nonexistent/ddc-no-such-program: error=2, No such file or directory"));

        ExecutionResult slow = results.get("slow");
        assertThat(slow.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(slow.exitCode()).isEmpty();
        assertThat(slow.failure()).hasValue(new Failure(Failure.Kind.TIMED_OUT,
                "timed out after 500 ms; the process tree was killed"));
        assertThat(slow.elapsed()).isGreaterThanOrEqualTo(SHORT_TIMEOUT).isLessThan(SHORT_TIMEOUT.plusSeconds(3));
    }

    @Test
    void aTimedOutChildWithAGrandchildHoldingStdoutIsKilledWithItsWholeTree() throws Exception {
        Set<Long> before = descendantsOfThisJvm();
        Map<String, ExecutionResult> results = new ConcurrentHashMap<>();
        // the grandchild inherits stdout and would keep the pipe open for 30 s
        Probe probe = Probe.builder("tree").command("/bin/sh", "-c", "sleep 30 & echo $!; sleep 30")
                .timeout(SHORT_TIMEOUT).build();
        long started = System.nanoTime();

        experiment(LocalRunner.create(), probe).listener(collectingInto(results)).build().start().await();

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(SHORT_TIMEOUT.plusSeconds(3));
        ExecutionResult tree = results.get("tree");
        assertThat(tree.failure()).hasValue(new Failure(Failure.Kind.TIMED_OUT,
                "timed out after 500 ms; the process tree was killed"));
        long grandchild = Long.parseLong(tree.stdout().text().trim());
        try {
            assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("ddc-local"), Duration.ofSeconds(3)))
                    .as("pump threads still reading").isEmpty();
            assertThat(liveThreadsNamed("ddc-" + EXPERIMENT + "-")).isEmpty();
            assertThat(newDescendantsAfter(before, Duration.ofSeconds(2))).isEmpty();
            assertThat(awaitGone(grandchild, Duration.ofSeconds(2))).as("grandchild %d gone", grandchild).isTrue();
        } finally {
            // this test started it: should the runner have missed it, end it by its id
            ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aBackgroundProcessLeftByAChildThatExitedCannotHoldTheExecution() throws Exception {
        // Known limit (README, Status): once its parent has exited, such a process is no longer a
        // descendant and is not killed; what is guaranteed is that it cannot hold the execution.
        Set<Long> before = descendantsOfThisJvm();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Probe probe = sh("orphan", "sleep 30 & echo $!");
        long started = System.nanoTime();

        RunResult result = LocalRunner.create().run(new ExecutionRequest(EXPERIMENT, 1, Target.of("m01"), probe, out,
                new ByteArrayOutputStream()));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long grandchild = Long.parseLong(text(out).trim());
        try {
            assertThat(result).isEqualTo(RunResult.exited(0));
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(text(out).trim()).isEqualTo(Long.toString(grandchild));
        } finally {
            // this test started it: end it by its id whatever the outcome
            ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
