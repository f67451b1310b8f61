package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ddc.Failure;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RunResult;
import io.ddc.testing.LiveThreads;
import io.ddc.testing.MarkedProcesses;
import io.ddc.testing.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against an embedded MINA server: sessions, channels, passwords, output and lifecycle. */
final class SshRunnerEmbeddedTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Generated per test run, so that a test can search the logs for it. */
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @TempDir
    Path folder;

    private EmbeddedSshd sshd;
    private Path knownHosts;

    @BeforeEach
    void startServer() throws Exception {
        sshd = EmbeddedSshd.start(PASSWORD, List.of());
        knownHosts = sshd.knownHosts(folder.resolve("known_hosts"), "127.0.0.1", "localhost");
    }

    @AfterEach
    void stopServer() throws IOException {
        sshd.close();
    }

    private SshRunner.Builder runner() {
        return SshRunner.builder().user(EmbeddedSshd.USER).port(sshd.port()).knownHosts(knownHosts)
                .password((target, user) -> PASSWORD.toCharArray());
    }

    @Test
    void oneSessionPerTarget_isKeptAcrossExecutions() throws Exception {
        try (SshRunner ssh = runner().build()) {
            for (int i = 0; i < 5; i++) {
                Requests done = Requests.run(ssh, "127.0.0.1", TIMEOUT, "echo", "run " + i);
                assertThat(done.result).isEqualTo(RunResult.exited(0));
                assertThat(done.out()).isEqualTo("run " + i + "\n");
            }
            assertThat(Requests.run(ssh, "localhost", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));

            assertThat(sshd.sessions.get()).isEqualTo(2);
            assertThat(ssh.openSessions()).isEqualTo(2);
        }
    }

    @Test
    void aLostSession_isReplacedOnce_whenNextNeeded() throws Exception {
        try (SshRunner ssh = runner().build()) {
            assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));

            sshd.dropSessions();

            assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "echo", "again").out()).isEqualTo("again\n");
            assertThat(sshd.sessions.get()).isEqualTo(2);
        }
    }

    @Test
    void executionsAtOnce_stayWithinTheChannelLimitOfTheSession() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6, task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner().maxChannelsPerSession(2).build()) {
            List<Future<Requests>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(callers.submit(() -> Requests.run(ssh, "127.0.0.1", TIMEOUT, "sleep", "0.3")));
            }
            for (Future<Requests> one : done) {
                assertThat(one.get(30, TimeUnit.SECONDS).result).isEqualTo(RunResult.exited(0));
            }
            assertThat(sshd.mostRunning.get()).isEqualTo(2);
            assertThat(sshd.sessions.get()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSessionLostWhileTheProgramRuns_isSessionLost() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner().build()) {
            Future<Requests> running = caller.submit(() -> Requests.run(ssh, "127.0.0.1", TIMEOUT, "sleep", "5"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sshd.running.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            sshd.dropSessions();

            assertThat(running.get(20, TimeUnit.SECONDS).result).isEqualTo(RunResult.runnerFailure(
                    "session lost on ddc@127.0.0.1:" + sshd.port() + ": the channel closed without an exit status"));
        } finally {
            caller.shutdownNow();
            assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aServerThatNeverSpeaksSsh_failsWithinTheTimeouts() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
                SshRunner ssh = runner().port(silent.getLocalPort()).connectTimeout(Duration.ofMillis(300))
                        .authTimeout(Duration.ofMillis(300)).build()) {
            RunResult result = Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result;

            assertThat(result).isEqualTo(RunResult.runnerFailure("no SSH handshake and authentication with ddc@127.0.0.1:"
                    + silent.getLocalPort() + " within 300 ms"));
        }
    }

    @Test
    void aKillThatDoesNotEndInTime_isReportedAsNotConfirmed() throws Exception {
        try (SshRunner ssh = runner().killTimeout(Duration.ofNanos(1)).build()) {
            RunResult result = Requests.run(ssh, "127.0.0.1", Duration.ofMillis(500), "sleep", "3").result;

            assertThat(result.kind()).contains(Failure.Kind.TIMED_OUT);
            assertThat(result.message()).startsWith("timed out after 500 ms; ").endsWith("(kill not confirmed)");
        }
    }

    /**
     * The interrupt comes while the wrapper's line that names the process group is on its way: the
     * runner waits for it, then kills the program and its child, and says the kill was confirmed.
     */
    @Test
    void anInterruptBeforeTheProcessGroupIsReported_waitsForTheReport_andConfirmsTheKill() throws Exception {
        String marker = "3633." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> new Thread(task, "ddc-test-caller"));
        CountDownLatch gate = sshd.holdStandardError();
        try (SshRunner ssh = runner().build()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Future<Requests> running = caller.submit(() -> {
                thread.set(Thread.currentThread());
                return Requests.run(ssh, "127.0.0.1", Duration.ofMinutes(5), "sh", "-c",
                        "sleep " + marker + " & sleep " + marker);
            });
            assertThat(Poll.untilEmpty(() -> MarkedProcesses.find(marker).size() < 2 ? List.of(marker) : List.of(),
                    TIMEOUT)).as("the program and its child run").isEmpty();

            thread.get().interrupt();
            gate.countDown();

            assertThat(catchThrowable(() -> running.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(InterruptedException.class)
                    .cause().hasMessageContaining("was killed (kill confirmed)");
            assertThat(MarkedProcesses.awaitNone(marker, TIMEOUT)).isEmpty();
        } finally {
            gate.countDown();
            MarkedProcesses.killAll(marker);
            caller.shutdownNow();
            assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anIdleSession_isClosedAfterTheIdleTimeout() throws Exception {
        try (SshRunner ssh = runner().heartbeat(Duration.ofMillis(200)).idleTimeout(Duration.ofMillis(500)).build()) {
            assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ssh.openSessions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ssh.openSessions()).isZero();
            // and the next execution opens a new one
            assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
            assertThat(sshd.sessions.get()).isEqualTo(2);
        }
    }

    @Test
    void aSlowSink_isWrittenOnTheCallingThreadOnly_andGetsEveryByte() throws Exception {
        Set<String> writers = ConcurrentHashMap.newKeySet();
        AtomicLong received = new AtomicLong();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                writers.add(Thread.currentThread().getName());
                received.addAndGet(len);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Probe probe = Probe.builder("big").command("head", "-c", "3000000", "/dev/zero").timeout(TIMEOUT).build();
        try (SshRunner ssh = runner().build()) {
            RunResult result = ssh.run(new ExecutionRequest("test", 1, Target.of("127.0.0.1"), probe, slow,
                    OutputStream.nullOutputStream()));

            assertThat(result).isEqualTo(RunResult.exited(0));
        }
        assertThat(received.get()).isEqualTo(3_000_000L);
        assertThat(writers).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void wrongPassword_isAuthenticationFailed() throws Exception {
        try (SshRunner ssh = runner().password((target, user) -> "wrong".toCharArray()).build()) {
            RunResult result = Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result;

            assertThat(result.message()).isEqualTo("authentication failed for ddc@127.0.0.1:" + sshd.port()
                    + ": the server accepted none of the keys or passwords offered");
        }
    }

    @Test
    void aPasswordProviderThatThrows_failsTheExecution_namingTheException() throws Exception {
        try (SshRunner ssh = runner().password((target, user) -> {
            throw new IllegalStateException("vault sealed");
        }).build()) {
            RunResult result = Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result;

            assertThat(result.message()).isEqualTo("the password for ddc@127.0.0.1:" + sshd.port()
                    + " could not be obtained: java.lang.IllegalStateException: vault sealed");
        }
    }

    @Test
    void thePassword_appearsInNoLogLineResultOrDescription() throws Exception {
        try (SshRunner ssh = runner().build();
                SshRunner nobody = runner().user("nobody").build()) {
            Requests done = Requests.run(ssh, "127.0.0.1", TIMEOUT, "true");
            Requests wrongUser = Requests.run(nobody, "127.0.0.1", TIMEOUT, "true");

            assertThat(done.result + " " + wrongUser.result + " " + ssh + " " + nobody).doesNotContain(PASSWORD);
        }
        Path log = Path.of("target", "test-log.txt");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(PASSWORD);
        }
    }

    @Test
    void close_stopsEveryThread_andLaterExecutionsFail() throws Exception {
        SshRunner ssh = runner().build();
        assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
        assertThat(LiveThreads.working(name -> name.startsWith("sshd-ddc-ssh"))).isNotEmpty().doesNotHaveDuplicates();

        ssh.close();
        ssh.close();

        assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("sshd-ddc-ssh"), Duration.ofSeconds(10)))
                .isEmpty();
        assertThat(Requests.run(ssh, "127.0.0.1", TIMEOUT, "true").result)
                .isEqualTo(RunResult.runnerFailure("the SSH runner is closed"));
    }

    @Test
    void aRunnerNeverUsed_startsNoThread() {
        List<String> before = LiveThreads.working(name -> name.startsWith("sshd-ddc-ssh"));
        try (SshRunner ssh = runner().build()) {
            assertThat(ssh.openSessions()).isZero();
        }
        assertThat(LiveThreads.working(name -> name.startsWith("sshd-ddc-ssh"))).isEqualTo(before);
    }
}
