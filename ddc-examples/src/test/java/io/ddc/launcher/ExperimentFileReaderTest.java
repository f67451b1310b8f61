package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Schedule;
import io.ddc.TargetPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExperimentFileReader} on the example of SPEC "The launcher", which uses every key once. */
final class ExperimentFileReaderTest {
    /** SPEC's example, as written there. */
    private static final String SPEC_EXAMPLE = """
            name: lab                      # experiment name
            targets: [pc01, pc02]          # or  targets-file: lab.txt
            runner: ssh                    # local | psexec | ssh
            ssh: {user: ddc, identity: [~/.ssh/id_ed25519], known-hosts: ~/.ssh/known_hosts, port: 22}
            psexec: {path: PsExec.exe, user: 'LAB\\ddc', password-env: DDC_PASSWORD}
            check: tcp:22                  # always | icmp | tcp:PORT
            parallelism: 8
            schedule: {interval: 5m, min-gap: 30s, iterations: 100, deadline: 720h, single-shot: false}
            grace: 10s
            out: ./ddc-data
            mail: {to: [ops@example.org], from: ddc@example.org, smtp: 'smtp.example.org:587',
                   security: starttls, user: ddc, password-env: DDC_SMTP_PASSWORD, every: 24h}
            db: jdbc:sqlite:lab.sqlite
            probes:
              - name: uptime
                command: [cat, /proc/uptime]
                timeout: 30s
                accepted-exit-codes: [0]
                priority: low
                post-collectors: [com.example.UptimeCsv]
                settings: {csv: uptime.csv}  # handed to a post-collector's (Map) constructor
            """;

    @TempDir
    Path temp;

    @Test
    void theSpecsExample_readsIntoItsModel() throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, SPEC_EXAMPLE, UTF_8);
        Path home = temp.resolve("home");

        ExperimentFile read = ExperimentFileReader.read(file, home);

        assertThat(read.name()).isEqualTo("lab");
        assertThat(read.targets()).isEqualTo(TargetPool.of("pc01", "pc02"));
        assertThat(read.runner().name()).contains("ssh");
        assertThat(read.runner().check()).contains("tcp:22");
        assertThat(read.runner().ssh().user()).contains("ddc");
        assertThat(read.runner().ssh().identities()).containsExactly(home.resolve(".ssh/id_ed25519"));
        assertThat(read.runner().ssh().knownHosts()).contains(home.resolve(".ssh/known_hosts"));
        assertThat(read.runner().ssh().port().getAsInt()).isEqualTo(22);
        assertThat(read.runner().psexec().path()).contains(Path.of("PsExec.exe"));
        assertThat(read.runner().psexec().user()).contains("LAB\\ddc");
        assertThat(read.runner().psexec().passwordVariable()).contains("DDC_PASSWORD");
        assertThat(read.parallelism().getAsInt()).isEqualTo(8);
        assertThat(read.schedule()).isEqualTo(Schedule.periodic(Duration.ofMinutes(5))
                .withMinimumGap(Duration.ofSeconds(30)).withMaxIterations(100).withDeadline(Duration.ofHours(720)));
        assertThat(read.grace()).contains(Duration.ofSeconds(10));
        assertThat(read.storageRoot()).contains(temp.resolve("ddc-data"));
        ExperimentFile.Mail mail = read.mail().orElseThrow();
        assertThat(mail.to()).containsExactly("ops@example.org");
        assertThat(mail.smtp()).contains("smtp.example.org:587");
        assertThat(mail.security()).contains("starttls");
        assertThat(mail.passwordVariable()).contains("DDC_SMTP_PASSWORD");
        assertThat(mail.every()).contains(Duration.ofHours(24));
        assertThat(read.database().orElseThrow().value()).isEqualTo("jdbc:sqlite:lab.sqlite");
        assertThat(read.database().orElseThrow().at().line()).isEqualTo(13);
        ExperimentFile.ProbeEntry probe = read.probes().get(0);
        assertThat(probe.probe().command()).containsExactly("cat", "/proc/uptime");
        assertThat(probe.probe().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(probe.probe().acceptedExitCodes()).containsExactly(0);
        assertThat(probe.postCollectors()).extracting(ExperimentFile.Located::value)
                .containsExactly("com.example.UptimeCsv");
        assertThat(probe.postCollectors().get(0).at().line()).isEqualTo(20);
        assertThat(probe.settings()).isEqualTo(Map.of("csv", "uptime.csv"));
    }

    @Test
    void settings_keepTheirYamlTypes() throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, """
                name: lab
                targets: [pc01]
                probes:
                  - name: p
                    command: [true]
                    settings: {text: abc, count: 3, ratio: 0.5, on: true, none: null, list: [1, two], nested: {a: b}}
                """, UTF_8);

        Map<String, Object> settings = ExperimentFileReader.read(file).probes().get(0).settings();

        assertThat(settings).containsEntry("text", "abc").containsEntry("count", 3L).containsEntry("ratio", 0.5)
                .containsEntry("on", true).containsEntry("none", null).containsEntry("list", List.of(1L, "two"))
                .containsEntry("nested", Map.of("a", "b"));
    }

    @Test
    void withoutASchedule_itRunsEveryFiveMinutesUntilStopped() throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, "name: lab\ntargets-file: lab.txt\nprobes: [{name: p, command: [true]}]\n", UTF_8);
        Files.writeString(temp.resolve("lab.txt"), "# the lab\npc01\npc02\n", UTF_8);

        ExperimentFile read = ExperimentFileReader.read(file);

        assertThat(read.schedule()).isEqualTo(Schedule.periodic(Duration.ofMinutes(5)));
        assertThat(read.targets()).isEqualTo(TargetPool.of("pc01", "pc02"));
    }
}
