package io.ddc.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.ResourceMonitor;
import io.ddc.examples.SshExample;
import io.ddc.testing.LiveThreads;
import io.ddc.testing.OpenSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner ssh} end to end: the bundled experiments and {@code exec} over real OpenSSH servers
 * of the test's own, on ten loopback addresses that each look like another Linux machine.
 */
final class SshLauncherTest {
    private static final int TARGETS = 10;

    @TempDir
    static Path folder;

    private static OpenSshd sshd;
    private static Path knownHosts;

    @BeforeAll
    static void startServers() throws Exception {
        sshd = OpenSshd.start(Files.createDirectory(folder.resolve("sshd")), TARGETS);
        knownHosts = sshd.writeKnownHosts(folder.resolve("known_hosts"), "ed25519");
    }

    @AfterAll
    static void stopServers() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static List<String> sshOptions(Path out) {
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--runner", "ssh",
                "--user", sshd.user(), "--port", Integer.toString(sshd.port()),
                "--identity", sshd.userKeyFile("ed25519").toString(), "--known-hosts", knownHosts.toString()));
        for (String address : sshd.addresses()) {
            args.add("--target");
            args.add(address);
        }
        return args;
    }

    @Test
    void resourceMonitor_onTenLoopbackSshTargets_writesARowPerTarget_andLeavesNoThread() throws Exception {
        Path out = folder.resolve("monitor");
        List<String> args = new ArrayList<>(List.of("run", "resource-monitor", "--iterations", "1"));
        args.addAll(sshOptions(out));

        Cli.Run run = Cli.run(Map.of(), args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("with the ssh runner").contains("availability: tcp:" + sshd.port());
        for (String address : sshd.addresses()) {
            Path csv = out.resolve("resource-monitor").resolve(address).resolve(ResourceMonitor.FIGURES_FILE);
            assertThat(csv).exists();
            assertThat(Files.readAllLines(csv)).hasSize(2);
        }
        assertThat(LiveThreads.awaitNoneWorking(name -> name.startsWith("sshd-ddc-ssh"), Duration.ofSeconds(10)))
                .isEmpty();
    }

    @Test
    void theReadmesEmbeddingExample_runsOverSsh_withTheInUseCheck() throws Exception {
        io.ddc.Completion completion;
        try (io.ddc.ssh.SshRunner ssh = io.ddc.ssh.SshRunner.builder().user(sshd.user()).port(sshd.port())
                .identity(sshd.userKeyFile("rsa")).knownHosts(knownHosts).build()) {
            completion = SshExample.run(ssh, io.ddc.TargetPool.of(sshd.addresses()),
                    folder.resolve("example"));
        }

        assertThat(completion.allSucceeded()).as("%s", completion).isTrue();
        assertThat(Files.readString(folder.resolve("example").resolve("inventory").resolve("127.0.0.11")
                .resolve("kernel.stdout"))).contains(System.getProperty("os.version"));
    }

    @Test
    void exec_withUnknownHostKeys_failsEveryTarget_andWritesNoKey() throws Exception {
        Path out = folder.resolve("exec");
        Path empty = Files.writeString(folder.resolve("known_hosts.empty"), "");
        List<String> args = new ArrayList<>(List.of("exec"));
        args.addAll(sshOptions(out));
        args.set(args.indexOf(knownHosts.toString()), empty.toString());
        args.addAll(List.of("--", "uname", "-a"));

        Cli.Run run = Cli.run(Map.of(), args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("0 succeeded, " + TARGETS + " failed, 0 unavailable");
        assertThat(Files.readString(empty)).isEmpty();
    }

    @Test
    void exec_withAcceptNewHostKeys_succeedsEverywhere_andRecordsTheKeys() throws Exception {
        Path out = folder.resolve("exec-new");
        Path file = folder.resolve("known_hosts.new");
        List<String> args = new ArrayList<>(List.of("exec"));
        args.addAll(sshOptions(out));
        args.set(args.indexOf(knownHosts.toString()), file.toString());
        args.addAll(List.of("--accept-new-host-keys", "--parallelism", "10", "--", "uname", "-s"));

        Cli.Run run = Cli.run(Map.of(), args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readAllLines(file)).filteredOn(line -> !line.isBlank()).hasSize(TARGETS);
        assertThat(Files.readString(out.resolve("exec").resolve("127.0.0.5").resolve("exec.stdout"))).contains("Linux\n");
    }
}
