package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad experiment file exits with 2 before anything runs, with a message that starts with
 * the file, line and column and names the key: a table of cases run through the launcher.
 */
final class BadExperimentFileTest {
    private static final String HEAD = "name: lab\ntargets: [127.0.0.1]\n";
    private static final String PROBE = "probes:\n  - name: up\n    command: [cat, /proc/uptime]\n";

    @TempDir
    Path temp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("wrong type", HEAD + "parallelism: eight\n" + PROBE,
                        "3:14: parallelism: expected a whole number from 1 to 10000, got 'eight'"),
                Arguments.of("wrong type in a section", HEAD + "schedule: {interval: 5m, single-shot: maybe}\n" + PROBE,
                        "3:39: schedule.single-shot: expected true or false, got 'maybe'"),
                Arguments.of("unknown key", HEAD + "schedul: {interval: 5m}\n" + PROBE,
                        "3:1: schedul: unknown key; the keys of the file are name, targets, targets-file, runner, ssh,"
                                + " psexec, check, parallelism, schedule, grace, out, mail, db, probes"),
                Arguments.of("unknown key of a probe", HEAD + PROBE + "    timout: 5s\n",
                        "6:5: probes[1].timout: unknown key; the keys of probes[1] are name, command, timeout,"
                                + " accepted-exit-codes, priority, post-collectors, settings"),
                Arguments.of("missing class", HEAD + PROBE + "    post-collectors: [com.example.Missing]\n",
                        "6:23: post-collector com.example.Missing: class not found on the launcher's class path: check"
                                + " its name (with its package) or add its jar with --class-path JAR"),
                Arguments.of("class that throws", HEAD + PROBE + "    post-collectors: [" + ThrowingCollector.class.getName()
                        + "]\n", "6:23: post-collector io.ddc.launcher.ThrowingCollector: its constructor threw"
                                + " java.lang.IllegalStateException: no licence for this collector"),
                Arguments.of("class that is no post-collector", HEAD + PROBE + "    post-collectors: [java.lang.String]\n",
                        "6:23: post-collector java.lang.String: is not a post-collector: the class must implement"
                                + " io.ddc.PostCollector"),
                Arguments.of("secret written in the file", HEAD + "runner: ssh\nssh: {user: ddc, password: hunter2}\n"
                        + PROBE, "4:18: ssh.password: a secret is never written in the file: put it in an environment"
                                + " variable and give its name with password-env: VAR"),
                Arguments.of("secret of the mail server", HEAD + "mail: {to: [a@example.org], password: x}\n" + PROBE,
                        "3:29: mail.password: a secret is never written in the file"),
                Arguments.of("duplicate probe names", HEAD + PROBE + "  - name: up\n    command: [uname]\n",
                        "6:5: probes[2].name: probe name 'up' is also used at line 4: each probe needs its own name"),
                Arguments.of("duplicate key", HEAD + "grace: 5s\ngrace: 10s\n" + PROBE,
                        "4:1: grace: is given twice (first at line 3)"),
                Arguments.of("bad duration", HEAD + PROBE + "    timeout: 30 s\n",
                        "6:14: probes[1].timeout: '30 s' is not a duration: write a whole number and a unit (ms, s,"
                                + " m, h), such as 500ms, 30s, 5m, 1h or 1h30m"),
                Arguments.of("interval under a second", HEAD + "schedule: {interval: 500ms}\n" + PROBE,
                        "3:22: schedule.interval: "),
                Arguments.of("bad target", "name: lab\ntargets: [pc01, 'pc;02']\n" + PROBE,
                        "2:17: targets: target 'pc;02' contains the shell metacharacter ';'"),
                Arguments.of("bad runner", HEAD + "runner: winrm\n" + PROBE,
                        "3:9: runner: must be local | psexec | ssh, got 'winrm'"),
                Arguments.of("bad check", HEAD + "check: tcp:0\n" + PROBE,
                        "3:8: check: must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got 'tcp:0'"),
                Arguments.of("missing probes", HEAD, "1:1: probes: missing: give at least one probe"),
                Arguments.of("command not a list of texts", HEAD + "probes:\n  - name: up\n    command: {cat: x}\n",
                        "5:14: probes[1].command: expected a text, got a section (key: value, ...)"),
                Arguments.of("not YAML", HEAD + "probes: [\n", "4:1: not valid YAML: "),
                Arguments.of("variable name that looks like a secret", HEAD
                        + "runner: psexec\npsexec: {user: 'LAB\\ddc', password-env: 'hunter2!'}\n" + PROBE,
                        "4:41: psexec.password-env: 'hunter2!' is not the name of an environment variable"),
                Arguments.of("mail in clear to a remote server", HEAD + "mail: {to: [a@example.org], from: d@example.org,"
                        + " smtp: smtp.example.org, security: none}\n" + PROBE,
                        "3:84: mail.security: none sends mail in clear: it is allowed only to a loopback server"),
                Arguments.of("password in the database URL",
                        HEAD + "db: 'jdbc:postgresql://db.example.org/ddc?user=ddc&password=hunter2'\n" + PROBE,
                        "3:5: db: the database URL must not hold a password"),
                Arguments.of("priority", HEAD + PROBE + "    priority: high\n",
                        "6:15: probes[1].priority: must be low, got 'high'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_file_exits_2_naming_the_line(String label, String yaml, String expected) throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, yaml, UTF_8);
        Path out = temp.resolve("out");

        Cli.Run run = Cli.run("run", "--file", file.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.err()).startsWith(file + ":" + expected);
        assertThat(run.out()).isEmpty();
        assertThat(out).as("nothing was written").doesNotExist();
    }
}
