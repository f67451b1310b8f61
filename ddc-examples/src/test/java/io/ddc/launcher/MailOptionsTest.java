package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.examples.BundledExperiment;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail options through the launcher, against a real SMTP server on loopback (GreenMail): the
 * report with each trace file attached gzip-compressed, the alerts post-collectors raise, and the
 * options refused before anything runs.
 */
final class MailOptionsTest {
    private static final String PASSWORD = "Mail-Pw-3c9e!only-here";
    private static final Map<String, String> ENVIRONMENT = Map.of("DDC_SMTP_PASSWORD", PASSWORD);

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ddc@example.org", "ddc", PASSWORD));

    @TempDir
    Path temp;

    /** An experiment whose post-collector raises one alert per result, as smart-check raises its own. */
    private static final BundledExperiment ALERTING = new BundledExperiment() {
        @Override
        public String name() {
            return "alerting";
        }

        @Override
        public String description() {
            return "raises an alert for every result";
        }

        @Override
        public Schedule defaultSchedule() {
            return Schedule.periodic(Schedule.MINIMUM_PERIOD).withMaxIterations(1);
        }

        @Override
        public List<Probe> probes(Setup setup) {
            return List.of(Probe.builder("disk").command("true")
                    .postCollector("alarm", (result, context) -> setup.alerts().raise(result, "disk on fire"))
                    .build());
        }

        @Override
        public Optional<TargetPool> defaultTargets(Setup setup) {
            return Optional.of(TargetPool.of("127.0.0.1"));
        }
    };

    @BeforeEach
    void noMailYet() {
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void theFilesMailSection_sendsAReportWithTheTraceFilesGzipped() throws Exception {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, """
                name: lab
                targets: [127.0.0.1, 127.0.0.2]
                schedule: {interval: 1s, iterations: 2}
                mail: {to: [ops@example.org], from: ddc@example.org, smtp: '127.0.0.1:%d', security: none,
                       user: ddc, password-env: DDC_SMTP_PASSWORD, every: 24h}
                probes:
                  - name: uptime
                    command: [cat, /proc/uptime]
                  - name: kernel
                    command: [uname, -r]
                """.formatted(GREEN_MAIL.getSmtp().getPort()), UTF_8);

        Cli.Run run = Cli.run(ENVIRONMENT, "run", "--file", file.toString(), "--out", temp.resolve("root").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getSubject()).isEqualTo("[DDC] report of experiment lab");
        Map<String, byte[]> attached = attachments(messages[0]);
        assertThat(attached).containsKeys("uptime.trace.gz", "kernel.trace.gz");
        Path folder = temp.resolve("root/lab");
        assertThat(gunzip(attached.get("uptime.trace.gz"))).isEqualTo(Files.readAllBytes(folder.resolve("uptime.trace")));
        assertThat(gunzip(attached.get("kernel.trace.gz"))).isEqualTo(Files.readAllBytes(folder.resolve("kernel.trace")));
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void alertsOfPostCollectors_arePrintedAndMailed() throws Exception {
        Cli.Run run = Cli.run(ENVIRONMENT, false, List.of(ALERTING), "run", "alerting", "--out",
                temp.resolve("root").toString(), "--mail-to", "ops@example.org", "--mail-from", "ddc@example.org",
                "--smtp", "127.0.0.1:" + GREEN_MAIL.getSmtp().getPort(), "--smtp-security", "none", "--smtp-user", "ddc",
                "--smtp-password-env", "DDC_SMTP_PASSWORD");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.outLines()).contains("ALERT disk on fire");
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).containsExactlyInAnyOrder("[DDC] ALERT disk on 127.0.0.1 (alerting)",
                "[DDC] report of experiment alerting");
    }

    @Test
    void noneToARemoteServer_isRefused_beforeAnythingRuns() throws InterruptedException {
        Cli.Run run = Cli.run(ENVIRONMENT, false, List.of(ALERTING), "run", "alerting", "--out",
                temp.resolve("root").toString(), "--mail-to", "ops@example.org", "--mail-from", "ddc@example.org",
                "--smtp", "smtp.example.org", "--smtp-security", "none");

        assertRefused(run, "--smtp-security none sends mail in clear: it is allowed only to a loopback server"
                + " (localhost, 127.0.0.1, ::1), and smtp.example.org is not one; use starttls or tls");
    }

    @Test
    void mailOptionsWithoutRecipients_areRefused() throws InterruptedException {
        Cli.Run run = Cli.run(ENVIRONMENT, false, List.of(ALERTING), "run", "alerting", "--out",
                temp.resolve("root").toString(), "--smtp", "127.0.0.1");

        assertRefused(run, "--smtp needs --mail-to ADDR: mail is off without recipients");
    }

    @Test
    void aPasswordVariableThatIsNotSet_isRefused_namingTheVariable() throws InterruptedException {
        Cli.Run run = Cli.run(Map.of(), false, List.of(ALERTING), "run", "alerting", "--out",
                temp.resolve("root").toString(), "--mail-to", "ops@example.org", "--mail-from", "ddc@example.org",
                "--smtp", "127.0.0.1", "--smtp-user", "ddc", "--smtp-password-env", "DDC_SMTP_PASSWORD");

        assertRefused(run, "--smtp-password-env DDC_SMTP_PASSWORD: the environment variable is not set: set it to the"
                + " password of ddc");
    }

    private void assertRefused(Cli.Run run, String message) throws InterruptedException {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc run --help' for more information.");
        assertThat(temp.resolve("root")).doesNotExist();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 1; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            try (InputStream in = part.getInputStream()) {
                files.put(part.getFileName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
