package io.ddc.process;

import static io.ddc.process.TestProcesses.awaitGone;
import static io.ddc.process.TestProcesses.awaitPids;
import static io.ddc.process.TestProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Failure;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run that goes on too long, or whose caller gives up, leaves no process behind and returns in time. */
final class ProcessExecutorTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The contract: a timed-out run returns within its timeout plus this. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** How long a killed process may take to be reaped. */
    private static final Duration REAP_LIMIT = Duration.ofSeconds(3);
    /** The shell prints its own PID, then that of a grandchild which keeps stdout and stderr open. */
    private static final List<String> CHILD_WITH_GRANDCHILD = sh("echo $$; sleep 60 & echo $!; wait");

    /** Pool threads idle this long end: long enough to be reused between the runs of one test. */
    private static final Duration KEEP_ALIVE = Duration.ofMillis(200);

    private final ProcessExecutor executor = ProcessExecutor.builder().threadName("timeout-test")
            .pumpKeepAlive(KEEP_ALIVE).build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @RegisterExtension
    final ProcessBaseline processes = new ProcessBaseline();

    @Test
    void run_timedOutChildWithGrandchild_killsTreeAndReturnsInTime() throws Exception {
        long start = System.nanoTime();
        RunResult result = executor.run(CHILD_WITH_GRANDCHILD, Map.of(), TIMEOUT, out, err);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(RunResult.timedOut(TIMEOUT));
        assertThat(elapsed).isLessThan(TIMEOUT.plus(GRACE));
        List<Long> pids = TestProcesses.pids(out);
        assertThat(pids).as("child and grandchild PIDs").hasSize(2);
        assertThat(awaitGone(pids, REAP_LIMIT)).as("still alive").isEmpty();
        assertThat(TestProcesses.descendantsBut(processes.before())).isEmpty();
    }

    @Test
    void run_timedOutChildWithEscapedGrandchild_returnsInTime() throws Exception {
        // the subshell exits at once: its sleep is re-parented, out of the tree, and keeps both pipes open
        List<String> command = sh("(sleep 30 & echo $!); sleep 30");
        ProcessExecutor ownThreads = ProcessExecutor.builder().threadName("escape-test").build();
        try {
            long start = System.nanoTime();
            RunResult result = ownThreads.run(command, Map.of(), TIMEOUT, out, err);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result).isEqualTo(RunResult.timedOut(TIMEOUT));
            assertThat(elapsed).isLessThan(TIMEOUT.plus(GRACE));
            assertThat(TestProcesses.pids(out)).as("escaped PID").hasSize(1);
            assertThat(TestProcesses.descendantsBut(processes.before())).isEmpty();
        } finally {
            // the pumps still read the pipes the escaped process holds: they end with it
            TestProcesses.kill(TestProcesses.pids(out));
            TestProcesses.awaitNoThreadNamedWith("escape-test", REAP_LIMIT);
        }
    }

    @Test
    void run_programEndingBeforeTheTimeout_isNotReportedAsTimedOut() throws Exception {
        RunResult result = executor.run(sh("sleep 0.2; exit 4"), Map.of(), Duration.ofSeconds(5), out, err);

        assertThat(result).isEqualTo(RunResult.exited(4));
    }

    @Test
    void run_timedOut_keepsTheOutputPrintedBeforeTheKill() throws Exception {
        RunResult result = executor.run(sh("echo before; echo oops >&2; sleep 60; echo after"), Map.of(),
                Duration.ofMillis(500), out, err);

        assertThat(result.kind()).contains(Failure.Kind.TIMED_OUT);
        assertThat(TestProcesses.text(out)).isEqualTo("before\n");
        assertThat(TestProcesses.text(err)).isEqualTo("oops\n");
    }

    @Test
    void run_callerInterrupted_throwsAndKillsTheTree() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(executor.run(CHILD_WITH_GRANDCHILD, Map.of(), Duration.ofSeconds(60), out, err));
            } catch (Exception e) {
                outcome.set(e);
            }
        }, "interrupted-caller");
        caller.start();
        List<Long> pids = awaitPids(out, 2, Duration.ofSeconds(5));
        assertThat(pids).as("child and grandchild PIDs").hasSize(2);

        caller.interrupt();
        caller.join(GRACE.toMillis());

        assertThat(caller.isAlive()).as("caller still in run").isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(awaitGone(pids, REAP_LIMIT)).as("still alive").isEmpty();
        assertThat(TestProcesses.awaitIdlePumps(executor, GRACE)).as("pumps still reading").isZero();
        assertThat(TestProcesses.awaitNoThreadNamedWith("timeout-test", KEEP_ALIVE.plus(GRACE)))
                .as("idle pump threads that did not end").isEmpty();
    }

    @Test
    void run_calledWithInterruptPending_throwsAndStartsNothing() throws Exception {
        ProcessExecutor fresh = ProcessExecutor.builder().threadName("pending-test").build();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> fresh.run(sh("echo started; sleep 60"), Map.of(), Duration.ofSeconds(60), out,
                    err))
                    .isInstanceOf(InterruptedException.class)
                    .hasMessage("interrupted before sh was started");
        } finally {
            Thread.interrupted();
        }

        assertThat(TestProcesses.awaitNoDescendantsBut(processes.before(), Duration.ofMillis(500))).as("started").isEmpty();
        assertThat(TestProcesses.text(out)).isEmpty();
        assertThat(TestProcesses.names(TestProcesses.threadsNamedWith("pending-test"))).as("pumps started").isEmpty();
    }
}
