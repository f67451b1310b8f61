package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.examples.BundledExperiment;
import io.ddc.examples.BundledExperiments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's options, messages and exit codes; the runs of the demo are in {@link DemoCommandTest}. */
final class DdcCliTest {
    @TempDir
    Path temp;

    @Test
    void help_listsTheCommandsAndExitCodes() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).startsWith("Usage: ddc [-hV] [COMMAND]")
                .contains("  list    Lists the bundled experiments: name and what it does, then its probes",
                        "  run     Runs a bundled experiment (see 'ddc list') or an experiment file",
                        "  exec    Runs one command, as an ad-hoc probe, on every target, with the same",
                        "  help    Display help information about the specified command.")
                .anyMatch(line -> line.startsWith("  demo    Runs the bundled demo: "));
        assertThat(run.out().replace("\n", " ")).contains("Exit codes of run and exec: 0 done, 1 some (target, probe)"
                + " pairs never succeeded, 2 bad usage or configuration, 130 interrupted (SIGINT, Ctrl-C), 143"
                + " terminated (SIGTERM).");
    }

    /** Regression: 'run --help' said the folder defaults to "exec for exec". */
    @Test
    void help_ofRun_describesItsOwnDefaults_andTheNewOptions() {
        Cli.Run run = Cli.run("run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replace("\n", " ")).doesNotContain("exec for exec").contains("--fresh-start",
                "--grace=DURATION", "--show-output", "--quiet", "143 terminated (SIGTERM)");
    }

    /** Regression: 'list --help' listed the exit codes of run and exec, which do not apply to it. */
    @Test
    void help_ofList_saysOnlyItsOwnExitCode() {
        Cli.Run run = Cli.run("list", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit code: 0.").doesNotContain("130").doesNotContain("never succeeded");
    }

    @Test
    void help_ofDemo_showsItsOptionsAndDefaults() {
        Cli.Run run = Cli.run("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).startsWith(
                        "Usage: ddc demo [-hV] [--accept-new-host-keys] [--check=CHECK]",
                        "                [--experiment=NAME] [--iterations=N] [--known-hosts=FILE]",
                        "                [--out=DIR] [--passphrase-env=VAR] [--password-env=VAR]",
                        "                [--port=N] [--psexec=PATH] [--runner=local|psexec|ssh]",
                        "                [--targets=FILE] [--user=USER] [--target=NAME]...",
                        "                [--identity=FILE...]...")
                .contains("      --out=DIR              storage root, created if missing (default:",
                        "      --iterations=N         how many iterations to run (default: 3)",
                        "      --experiment=NAME      folder name under the storage root (default: demo)");
    }

    @Test
    void help_ofDemo_describesTheTargetAndRunnerOptions_inTheirOrder() {
        Cli.Run run = Cli.run("demo", "--help");

        assertThat(run.exitCode()).isZero();
        String options = run.out().substring(run.out().indexOf("      --out=DIR"), run.out().indexOf("Exit codes:"));
        assertThat(options.lines().map(String::strip).collect(Collectors.joining(" "))).isEqualTo(
                "--out=DIR              storage root, created if missing (default: ddc-data)"
                + " --iterations=N         how many iterations to run (default: 3)"
                + " --experiment=NAME      folder name under the storage root (default: demo)"
                + " --target=NAME          a target machine, by host name or IP address; repeat it for more"
                + " --targets=FILE         a file of targets instead: one per line, # starts a comment, blank"
                + " lines are ignored"
                + " --runner=local|psexec|ssh how probes reach the targets: local (run on this machine, for demos"
                + " and tests), psexec (Windows targets through PsExec) or ssh (Linux and Unix targets over SSH)"
                + " (default: local)"
                + " --psexec=PATH          PsExec.exe or a compatible launcher (PsExec64.exe, PAExec); a path with"
                + " a folder must name an existing file; only with --runner psexec (default: PsExec.exe, looked up"
                + " on the PATH)"
                + " --user=USER            account PsExec logs on with, such as LAB\\ddc (needs --password-env;"
                + " default: the coordinator's own account, no password), or the SSH login (default: the"
                + " coordinator's user name); only with --runner psexec or ssh"
                + " --password-env=VAR     name of the environment variable that holds the password of --user,"
                + " set and not empty: a password is never given on ddc's command line (PsExec itself puts it on"
                + " its own, where local process listings see it while PsExec runs)"
                + " --check=CHECK          availability check before anything runs on a target: always, icmp or"
                + " tcp:PORT, waiting at most 500 ms (default: the runner's: tcp:445 for psexec, tcp:22 or --port"
                + " for ssh, always for local)"
                + " --identity=FILE...     ssh: private key file(s), OpenSSH or PEM, RSA, ECDSA or Ed25519,"
                + " loaded before anything runs (default: ~/.ssh/id_ed25519, id_ecdsa and id_rsa, those that"
                + " exist, unless --password-env is given)"
                + " --passphrase-env=VAR   ssh: name of the environment variable that holds the passphrase of the"
                + " --identity files"
                + " --known-hosts=FILE     ssh: the known_hosts file that host keys are checked against, strictly:"
                + " an unknown or changed key fails the target (default: ~/. ssh/known_hosts)"
                + " --accept-new-host-keys ssh: accept the key of a host that --known-hosts does not know, and add"
                + " it to the file; a changed key is refused all the same"
                + " --port=N               ssh: the targets' SSH port, 1 to 65535 (default: 22)"
                + " ");
    }

    @Test
    void version_outsideAJar_isTheDevelopmentBuild() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly("ddc (development build)");
    }

    @Test
    void list_printsEachBundledExperiment_withItsProbesAndDefaultSchedule() {
        Cli.Run run = Cli.run("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly(
                "demo              4 harmless local probes on 3 loopback targets, every 2 s; one target is unavailable"
                        + " and one probe fails on purpose",
                "                  probes: os (uname), load (cat), hello (sh), broken (ls)",
                "                  schedule: periodic, every 2s, at most 3 iterations; parallelism 3",
                "resource-monitor  CPU load, memory, free disk, uptime and logged-on users of each target every 5 min,"
                        + " one CSV per target",
                "                  probes: resources (sh)",
                "                  schedule: periodic, every 5m until stopped (Ctrl-C); parallelism 4",
                "smart-check       smartctl on every disk of each target every hour; ALERT lines when bad sectors grow"
                        + " or an attribute fails",
                "                  probes: smartctl (sh)",
                "                  schedule: periodic, every 1h until stopped (Ctrl-C); parallelism 4",
                "benchmark-once    SHA-256 of 128 MiB on each target once, retried every minute until all have"
                        + " answered, one CSV",
                "                  probes: benchmark (env)",
                "                  schedule: single-shot, retried every 1m until every pair succeeded; parallelism 1");
    }

    @Test
    void noCommand_isAUsageError() {
        Cli.Run run = Cli.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Missing command: use one of list, demo, run, exec, report, export, help",
                "Try 'ddc --help' for more information.");
    }

    @Test
    void iterations_zero_isRefusedBeforeAnythingIsWritten() {
        Path root = temp.resolve("root");

        Cli.Run run = Cli.run("demo", "--out", root.toString(), "--iterations", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("--iterations must be 1 or more, got 0",
                "Try 'ddc demo --help' for more information.");
        assertThat(root).doesNotExist();
    }

    @Test
    void iterations_negative_namesTheValue() {
        Cli.Run run = Cli.run("demo", "--out", temp.resolve("root").toString(), "--iterations", "-4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--iterations must be 1 or more, got -4");
    }

    @Test
    void iterations_notANumber_isPicocliConversionError() {
        Cli.Run run = Cli.run("demo", "--iterations", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Invalid value for option '--iterations': 'x' is not an int",
                "Try 'ddc demo --help' for more information.");
    }

    @Test
    void out_anExistingFile_isRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        Cli.Run run = Cli.run("demo", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("--out must be a folder, got the file " + file,
                "Try 'ddc demo --help' for more information.");
        assertThat(file).hasContent("x");
    }

    @Test
    void unknownOption_onTheLauncher() {
        Cli.Run run = Cli.run("--nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Unknown option: '--nope'", "Try 'ddc --help' for more information.");
    }

    @Test
    void unknownOption_onDemo() {
        Cli.Run run = Cli.run("demo", "--nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Unknown option: '--nope'",
                "Try 'ddc demo --help' for more information.");
    }

    @Test
    void mistypedOption_suggestsTheRightOne() {
        Cli.Run run = Cli.run("demo", "--iteration", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("Unknown options: '--iteration', '3'",
                "Possible solutions: --iterations", "Try 'ddc demo --help' for more information.");
    }

    @Test
    void unknownCommand_isAUsageError() {
        Cli.Run run = Cli.run("frob");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("Unmatched argument at index 0: 'frob'");
    }

    @Test
    void experimentName_thatWouldLeaveTheStorageRoot_isRefusedBeforeAnythingIsWritten() throws InterruptedException {
        Path root = temp.resolve("root");

        Cli.Run run = Cli.run("demo", "--out", root.toString(), "--experiment", "../x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("Invalid value for option '--experiment': experiment name '../x'"
                        + " contains '/' (U+002F): use only the characters A-Z a-z 0-9 . _ -",
                "Try 'ddc demo --help' for more information.");
        assertThat(root).doesNotExist();
        assertThat(temp.resolve("x")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void experimentFolder_thatIsAFile_isAConfigurationError() throws IOException, InterruptedException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.writeString(root.resolve("demo"), "x");

        Cli.Run run = Cli.run("demo", "--out", root.toString(), "--iterations", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        // regression: the message was "...: java.nio.file.FileAlreadyExistsException: <path>"
        assertThat(run.errLines()).containsExactly("ddc demo: the experiment folder " + root.resolve("demo") + " is a"
                + " file, not a folder: move it away, or choose another experiment name or storage root");
        assertThat(Cli.demoThreads()).isEmpty();
    }
}
