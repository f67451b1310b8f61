package io.ddc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Completion;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.ExperimentListener;
import io.ddc.ExperimentRun;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.inuse.InUseCheck;
import io.ddc.spi.Availability;
import io.ddc.spi.RunResult;
import io.ddc.testing.LiveThreads;
import io.ddc.testing.OpenSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real OpenSSH server of the test's own, on loopback addresses. */
final class OpenSshInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Loopback addresses served, 127.0.0.2 and on; most tests use the first two. */
    private static final int ADDRESSES = 12;
    private static final String OTHER_ED25519_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl other";

    @TempDir
    static Path folder;

    private static OpenSshd sshd;

    @BeforeAll
    static void startServers() throws Exception {
        sshd = OpenSshd.start(Files.createDirectory(folder.resolve("sshd")), ADDRESSES);
    }

    @AfterAll
    static void stopServers() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshRunner.Builder runner(String keyType) throws Exception {
        return SshRunner.builder()
                .user(sshd.user())
                .port(sshd.port())
                .identity(sshd.userKeyFile(keyType))
                .knownHosts(sshd.writeKnownHosts(Files.createTempFile(folder, "known_hosts", ""), "ed25519"));
    }

    @Test
    void ed25519Key_runsACommand_withItsOutputAndExitStatus() throws Exception {
        try (SshRunner ssh = runner("ed25519").build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "sh", "-c", "echo out; echo err >&2; exit 3");

            assertThat(done.result).isEqualTo(RunResult.exited(3));
            assertThat(done.out()).isEqualTo("out\n");
            assertThat(done.err()).isEqualTo("err\n");
        }
    }

    @Test
    void rsaKey_runsACommand() throws Exception {
        try (SshRunner ssh = runner("rsa").build()) {
            Requests done = Requests.run(ssh, "127.0.0.3", TIMEOUT, "echo", "hello");

            assertThat(done.result).isEqualTo(RunResult.exited(0));
            assertThat(done.out()).isEqualTo("hello\n");
        }
    }

    @Test
    void arguments_withEveryKindOfShellCharacter_reachTheProgramUnchanged() throws Exception {
        List<String> values = List.of("a b", "$HOME", "`id`", "$(id)", "back\\slash", "new\nline", "it's", "\"dq\"",
                "", "*", ";|&<>", "tab\there", "\u00fcn\u00efc\u00f6de \u2603", "-n", "~");
        List<String> command = new ArrayList<>(List.of("printf", "[%s]"));
        command.addAll(values);
        try (SshRunner ssh = runner("ed25519").build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, command);

            StringBuilder expected = new StringBuilder();
            values.forEach(value -> expected.append('[').append(value).append(']'));
            assertThat(done.result).isEqualTo(RunResult.exited(0));
            assertThat(done.out()).isEqualTo(expected.toString());
            assertThat(done.err()).isEmpty();
        }
    }

    @Test
    void wrongPassword_isAuthenticationFailed() throws Exception {
        try (SshRunner ssh = SshRunner.builder().user(sshd.user()).port(sshd.port())
                .password((target, user) -> "not-the-password".toCharArray())
                .knownHosts(sshd.writeKnownHosts(folder.resolve("known_hosts.password"), "ed25519"))
                .build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "true");

            assertThat(done.result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
            assertThat(done.result.message()).startsWith("authentication failed for " + sshd.user() + "@127.0.0.2:"
                    + sshd.port()).doesNotContain("not-the-password");
        }
    }

    @Test
    void unknownHostKey_isRefused_andTheFileIsNotWritten() throws Exception {
        Path knownHosts = Files.writeString(folder.resolve("known_hosts.empty"), "");
        try (SshRunner ssh = runner("ed25519").knownHosts(knownHosts).build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "true");

            assertThat(done.result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
            assertThat(done.result.message()).startsWith("host key unknown: the ").contains(knownHosts.toString());
            assertThat(Files.readString(knownHosts)).isEmpty();
        }
    }

    @Test
    void acceptNewHostKeys_recordsAnUnknownKey_andUsesIt() throws Exception {
        Path knownHosts = folder.resolve("known_hosts.new");
        try (SshRunner ssh = runner("ed25519").knownHosts(knownHosts).acceptNewHostKeys(true).build()) {
            assertThat(Requests.run(ssh, "127.0.0.3", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
        }
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.3]:" + sshd.port());
        try (SshRunner strict = runner("ed25519").knownHosts(knownHosts).build()) {
            assertThat(Requests.run(strict, "127.0.0.3", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
        }
    }

    @Test
    void changedHostKey_isRefused_evenWhenNewKeysAreAccepted() throws Exception {
        // the file holds another Ed25519 key for the address: the server's own one looks changed
        Path knownHosts = folder.resolve("known_hosts.changed");
        Files.writeString(knownHosts, "[127.0.0.2]:" + sshd.port() + " " + OTHER_ED25519_KEY + "\n");
        String before = Files.readString(knownHosts);
        try (SshRunner ssh = runner("ed25519").knownHosts(knownHosts).acceptNewHostKeys(true).build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "true");

            assertThat(done.result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
            assertThat(done.result.message()).startsWith("host key changed: the ssh-ed25519 key");
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }

    /**
     * Every target connects at once with new host keys accepted: each key is appended once, none is
     * lost, and the one target whose key the file holds another of is refused and keeps its line.
     */
    @Test
    void manyTargetsAtOnce_acceptingNewKeys_recordEachKeyOnce_andRefuseTheChangedOne() throws Exception {
        Path knownHosts = folder.resolve("known_hosts.many");
        String changed = "[127.0.0.2]:" + sshd.port() + " " + OTHER_ED25519_KEY;
        Files.writeString(knownHosts, changed + "\n");
        List<String> addresses = sshd.addresses();
        ExecutorService callers = Executors.newFixedThreadPool(2 * addresses.size(),
                task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner("ed25519").knownHosts(knownHosts).acceptNewHostKeys(true)
                .maxChannelsPerSession(2).build()) {
            List<Future<Requests>> done = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String address : addresses) {
                    done.add(callers.submit(() -> Requests.run(ssh, address, TIMEOUT, "true")));
                }
            }
            for (int i = 0; i < done.size(); i++) {
                Requests requests = done.get(i).get(60, TimeUnit.SECONDS);
                if (addresses.get(i % addresses.size()).equals("127.0.0.2")) {
                    assertThat(requests.result.message()).as("%s", requests).startsWith("host key changed: ");
                } else {
                    assertThat(requests.result).as("%s", requests).isEqualTo(RunResult.exited(0));
                }
            }
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(knownHosts);
        assertThat(lines).hasSize(addresses.size()).doesNotHaveDuplicates().first().isEqualTo(changed);
        for (String address : addresses) {
            assertThat(lines).filteredOn(line -> line.startsWith("[" + address + "]:" + sshd.port() + " ")).hasSize(1);
        }
        try (SshRunner strict = runner("ed25519").knownHosts(knownHosts).build()) {
            for (String address : addresses.subList(1, addresses.size())) {
                assertThat(Requests.run(strict, address, TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
            }
        }
    }

    @Test
    void knownHostsWithOnlyTheRsaKey_isMatched_byProposingRsaFirst() throws Exception {
        Path knownHosts = sshd.writeKnownHosts(folder.resolve("known_hosts.rsa"), "rsa");
        try (SshRunner ssh = runner("ed25519").knownHosts(knownHosts).build()) {
            assertThat(Requests.run(ssh, "127.0.0.2", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
        }
    }

    @Test
    void refusedPort_isConnectionRefused() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
            closed = socket.getLocalPort();
        }
        try (SshRunner ssh = runner("ed25519").port(closed).build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "true");

            assertThat(done.result).isEqualTo(RunResult.runnerFailure("connection refused by 127.0.0.2:" + closed));
        }
    }

    @Test
    void unknownName_isNameNotResolved() throws Exception {
        try (SshRunner ssh = runner("ed25519").build()) {
            Requests done = Requests.run(ssh, "no-such-host.invalid", TIMEOUT, "true");

            assertThat(done.result).isEqualTo(RunResult.runnerFailure("name not resolved: no-such-host.invalid"));
        }
    }

    @Test
    void programKilledBySignal_isReportedWithTheSignal() throws Exception {
        try (SshRunner ssh = runner("ed25519").remoteWatchdog(false).build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", TIMEOUT, "sh", "-c", "kill -TERM $$");

            assertThat(done.result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
            assertThat(done.result.message()).isEqualTo("killed by signal TERM on " + sshd.user() + "@127.0.0.2:"
                    + sshd.port());
        }
    }

    @Test
    void hangPastItsTimeout_isKilled_withItsChild() throws Exception {
        String marker = "ddc-hang-" + UUID.randomUUID();
        try (SshRunner ssh = runner("ed25519").build()) {
            Requests done = Requests.run(ssh, "127.0.0.2", Duration.ofSeconds(2), hangingCommand(marker));

            assertThat(done.result.kind()).contains(Failure.Kind.TIMED_OUT);
            assertThat(done.result.message()).isEqualTo("timed out after 2 s; the remote process group "
                    + done.result.message().replaceAll(".*process group (\\d+).*", "$1") + " was killed (kill confirmed)");
            assertThat(awaitGone(marker)).isEmpty();
            // the session is still good for the next probe
            assertThat(Requests.run(ssh, "127.0.0.2", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
        }
    }

    @Test
    void hangWithoutTheWatchdog_isKilledAsTheProcessGroupOpenSshMade() throws Exception {
        String marker = "ddc-hang-" + UUID.randomUUID();
        try (SshRunner ssh = runner("ed25519").remoteWatchdog(false).niceness(0).build()) {
            Requests done = Requests.run(ssh, "127.0.0.3", Duration.ofSeconds(2), hangingCommand(marker));

            assertThat(done.result.kind()).contains(Failure.Kind.TIMED_OUT);
            assertThat(done.result.message()).endsWith("was killed (kill confirmed)");
            assertThat(awaitGone(marker)).isEmpty();
        }
    }

    @Test
    void eightHangsOnOneSession_areAllKilled_withinTheServersTenChannels() throws Exception {
        String marker = "ddc-many-" + UUID.randomUUID();
        ExecutorService callers = Executors.newFixedThreadPool(8, task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner("ed25519").build()) {
            List<Future<Requests>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(callers.submit(() -> Requests.run(ssh, "127.0.0.3", Duration.ofSeconds(2),
                        hangingCommand(marker))));
            }
            for (Future<Requests> one : done) {
                Requests requests = one.get(60, TimeUnit.SECONDS);
                assertThat(requests.result.kind()).as("%s", requests).contains(Failure.Kind.TIMED_OUT);
                assertThat(requests.result.message()).endsWith("(kill confirmed)");
            }
            assertThat(awaitGone(marker)).isEmpty();
            assertThat(ssh.openSessions()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void moreChannelsThanMaxSessions_areChannelRefused_whichIsWhyTheDefaultLimitIsEight() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(12, task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner("ed25519").maxChannelsPerSession(12).build()) {
            assertThat(Requests.run(ssh, "127.0.0.2", TIMEOUT, "true").result).isEqualTo(RunResult.exited(0));
            List<Future<Requests>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                done.add(callers.submit(() -> Requests.run(ssh, "127.0.0.2", TIMEOUT, "sleep", "2")));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<Requests> one : done) {
                results.add(one.get(60, TimeUnit.SECONDS).result);
            }
            assertThat(results).filteredOn(result -> result.equals(RunResult.exited(0))).hasSize(10);
            assertThat(results).filteredOn(result -> !result.equals(RunResult.exited(0))).hasSize(2)
                    .allSatisfy(result -> assertThat(result.message()).startsWith("channel refused by " + sshd.user()
                            + "@127.0.0.2:" + sshd.port() + ": "));
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void interruptDuringALongCommand_killsItAndItsChild_thenThrows() throws Exception {
        String marker = "ddc-stop-" + UUID.randomUUID();
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> new Thread(task, "ddc-test-caller"));
        try (SshRunner ssh = runner("ed25519").build()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Future<Requests> running = caller.submit(() -> {
                thread.set(Thread.currentThread());
                return Requests.run(ssh, "127.0.0.2", Duration.ofMinutes(5), hangingCommand(marker));
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (processesWith(marker).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(processesWith(marker)).hasSizeGreaterThanOrEqualTo(2);
            thread.get().interrupt();

            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> running.get(20, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(InterruptedException.class)
                    .cause().hasMessageContaining("(kill confirmed)");
            assertThat(awaitGone(marker)).isEmpty();
        } finally {
            caller.shutdownNow();
            assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * A stop through the engine: the runs under way on both targets get the grace, then the engine
     * interrupts them and the runner kills the remote programs with their children.
     */
    @Test
    void anExperimentStopped_killsTheRemotePrograms_whenTheGraceEnds_andRecordsThemAsStopped() throws Exception {
        String marker = "ddc-stop-" + UUID.randomUUID();
        Queue<ExecutionResult> results = new ConcurrentLinkedQueue<>();
        try (SshRunner ssh = runner("ed25519").build()) {
            Experiment experiment = Experiment.builder("ssh-stop")
                    .targets(TargetPool.of("127.0.0.2", "127.0.0.3"))
                    .probe(Probe.builder("hold").command(hangingCommand(marker)).timeout(Duration.ofHours(1)).build())
                    .runner(ssh)
                    .parallelism(2)
                    .grace(Duration.ofMillis(500))
                    .schedule(Schedule.periodic(Duration.ofMinutes(1)).withMaxIterations(1))
                    .storageRoot(folder.resolve("stop-root"))
                    .listener(new ExperimentListener() {
                        @Override
                        public void executionFinished(ExecutionResult result) {
                            results.add(result);
                        }
                    })
                    .build();
            ExperimentRun run = experiment.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (processesWith(marker).size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(processesWith(marker)).as("two programs and their children").hasSizeGreaterThanOrEqualTo(4);

            run.stop();
            Completion completion = run.await();

            assertThat(completion.reason()).isEqualTo(Completion.Reason.STOPPED);
            assertThat(awaitGone(marker)).isEmpty();
            assertThat(results).hasSize(2).allSatisfy(result -> {
                assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(result.failure()).map(Failure::kind).contains(Failure.Kind.STOPPED);
            });
        }
    }

    @Test
    void aThousandExecutions_leaveThreadsAndDescriptorsFlat_andOneSessionPerTarget() throws Exception {
        try (SshRunner ssh = runner("ed25519").build()) {
            ExecutorService callers = Executors.newFixedThreadPool(4, task -> new Thread(task, "ddc-test-caller"));
            try {
                runMany(ssh, callers, 40);
                int threadsBefore = Thread.activeCount();
                long descriptorsBefore = openDescriptors();

                runMany(ssh, callers, 1000);

                assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
                assertThat(openDescriptors()).isLessThanOrEqualTo(descriptorsBefore + 10);
                assertThat(ssh.openSessions()).isEqualTo(2);
            } finally {
                callers.shutdownNow();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("sshd-ddc-ssh"), Duration.ofSeconds(10)))
                .isEmpty();
    }

    @Test
    void inUseCheck_runsWhoOverSsh() throws Exception {
        try (SshRunner ssh = runner("ed25519").build()) {
            InUseCheck check = InUseCheck.wrapping(ssh.defaultAvailabilityCheck(), ssh);

            Availability availability = check.check(Target.of("127.0.0.2"));

            assertThat(check.query().format()).isEqualTo("who");
            // nobody logs on interactively here: who lists no session, and the target is free
            assertThat(availability).isEqualTo(Availability.available());
        }
    }

    private static void runMany(SshRunner ssh, ExecutorService callers, int count) throws Exception {
        List<Future<Requests>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String target = i % 2 == 0 ? "127.0.0.2" : "127.0.0.3";
            done.add(callers.submit(() -> Requests.run(ssh, target, TIMEOUT, "echo", "x")));
        }
        for (Future<Requests> one : done) {
            Requests requests = one.get(60, TimeUnit.SECONDS);
            assertThat(requests.result).as("%s", requests).isEqualTo(RunResult.exited(0));
            assertThat(requests.out()).isEqualTo("x\n");
        }
    }

    private static long openDescriptors() throws Exception {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    /** A shell that starts a child shell; both have the marker in their command lines, and both hang. */
    private static List<String> hangingCommand(String marker) {
        return List.of("sh", "-c", "sh -c 'sleep 600; : " + marker + "' & sleep 600; : " + marker);
    }

    private static List<String> processesWith(String marker) {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> process.info().commandLine()
                .filter(line -> line.contains(marker))
                .ifPresent(line -> found.add(process.pid() + " " + line)));
        return found;
    }

    private static List<String> awaitGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> left = processesWith(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = processesWith(marker);
        }
        return left;
    }
}
