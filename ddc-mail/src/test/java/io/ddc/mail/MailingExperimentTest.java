package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.ManualClock;
import io.ddc.testing.LogCapture;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.ddc.Completion;
import io.ddc.Experiment;
import io.ddc.ExperimentRun;
import io.ddc.Notification;
import io.ddc.Probe;
import io.ddc.Schedule;
import io.ddc.TargetPool;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole experiments on the real engine (ddc-core) with a {@link MailingListener}: four iterations 8 h
 * apart on a manual clock, a 24 h report period, so exactly one report, after the fourth iteration;
 * a post-collector raises an alert for each failed disk check.
 */
final class MailingExperimentTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_081_948_390L);
    private static final String EXPERIMENT = "mail-test";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);

    /** Prints "probe on target"; the disk check fails on m03. */
    private static final class ScriptedRunner implements RemoteRunner {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public RunResult run(ExecutionRequest request) {
            try {
                request.stdout().write((request.probe().name() + " on " + request.target() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return RunResult.exited(request.probe().name().equals("disk") && request.target().name().equals("m03") ? 2 : 0);
        }
    }

    private Path folder() {
        return dir.resolve("data").resolve(EXPERIMENT);
    }

    private Completion run(MailingListener mail) throws InterruptedException {
        Experiment experiment = Experiment.builder(EXPERIMENT)
                .targets(TargetPool.of("m01", "m02", "m03"))
                .probe(Probe.builder("cpu").command("cpu").build())
                .probe(Probe.builder("disk").command("disk")
                        .postCollector("alert", (result, context) -> {
                            if (!result.succeeded()) {
                                mail.alert(result, "the disk check failed on " + result.target());
                            }
                        })
                        .build())
                .schedule(Schedule.periodic(Duration.ofHours(8)).withMaxIterations(4))
                .runner(new ScriptedRunner())
                .availabilityCheck(AvailabilityCheck.always())
                .storageRoot(dir.resolve("data"))
                .clock(clock)
                .sleeper(clock::advance)
                .listener(mail)
                .build();
        try (ExperimentRun run = experiment.start()) {
            return run.await();
        }
    }

    private static SmtpNotifier smtp(int port) {
        return SmtpNotifier.builder("127.0.0.1")
                .port(port)
                .security(SmtpSecurity.NONE)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .from("ddc@example.org")
                .to("ops@example.org")
                .build();
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1);
    }

    @Test
    void theReportMail_bodyAndDecompressedAttachments_areTheExperimentsTraceFiles() throws Exception {
        Completion completion;
        try (MailingListener mail = MailingListener.builder(smtp(GREEN_MAIL.getSmtp().getPort()), folder())
                .clock(clock).build()) {
            completion = run(mail);
        }

        assertThat(completion.iterations()).isEqualTo(4);
        List<ReceivedMail> reports = new ArrayList<>();
        List<ReceivedMail> alerts = new ArrayList<>();
        for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
            ReceivedMail mail = ReceivedMail.of(message);
            (mail.subject.startsWith("[DDC] report") ? reports : alerts).add(mail);
        }
        assertThat(reports).hasSize(1);
        ReceivedMail report = reports.get(0);
        Path cpu = folder().resolve("cpu.trace");
        Path disk = folder().resolve("disk.trace");
        assertThat(Files.readAllLines(cpu)).hasSize(4);
        assertThat(report.subject).isEqualTo("[DDC] report of experiment mail-test");
        assertThat(report.text).isEqualTo("DDC report of experiment mail-test, every 24 h\n"
                + "Time: 2004-04-15T13:13:10Z\n"
                + "Folder: " + folder().toAbsolutePath() + "\n"
                + "\n"
                + "Last trace line of each probe "
                + "(iteration|#succeeded|#failed|#unavailable|%succeeded|seconds|succeeded|failed|unavailable|):\n"
                + "cpu: " + lastLine(cpu) + "\n"
                + "disk: " + lastLine(disk) + "\n"
                + "\n"
                + "Attached: cpu.trace.gz (gzip-compressed), disk.trace.gz (gzip-compressed), report.html (the"
                + " availability report, UTC)\n");
        assertThat(lastLine(disk)).isEqualTo("1082034790|2|1|0|66.7|0.0|m01,m02,|m03,| |");
        assertThat(report.attachments).extracting(ReceivedMail.File::name).containsExactly("cpu.trace.gz", "disk.trace.gz",
                "report.html");
        assertThat(report.attachments.get(0).gunzipped()).isEqualTo(Files.readAllBytes(cpu));
        assertThat(report.attachments.get(1).gunzipped()).isEqualTo(Files.readAllBytes(disk));

        assertThat(alerts).hasSize(4).allSatisfy(alert -> {
            assertThat(alert.subject).isEqualTo("[DDC] ALERT disk on m03 (mail-test)");
            assertThat(alert.text).startsWith("the disk check failed on m03\n\nExperiment: mail-test\nProbe: disk\n"
                    + "Target: m03\nIteration: ");
        });
        assertThat(Threads.mailThreadsAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aServerThatRefusesMail_doesNotStopTheExperiment_theErrorsAreLogged_andNoThreadIsLeft() throws Exception {
        Completion completion;
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REFUSE_RECIPIENTS);
                LogCapture log = new LogCapture("io.ddc.mail.")) {
            try (MailingListener mail = MailingListener.builder(smtp(server.port()), folder()).clock(clock).build()) {
                completion = run(mail);
            }

            assertThat(log.warnings()).filteredOn(line -> line.startsWith("mail 'ALERT disk on m03 (mail-test)' of "
                    + "experiment mail-test not sent, the experiment goes on: DdcException: cannot send mail")).hasSize(4);
            assertThat(log.warnings()).filteredOn(line -> line.startsWith("mail 'report of experiment mail-test' of "
                    + "experiment mail-test not sent, the experiment goes on: DdcException: cannot send mail "
                    + "'[DDC] report of experiment mail-test' through 127.0.0.1:" + server.port() + " (NONE): "))
                    .singleElement().asString().endsWith("554 5.7.1 relay access denied");
            assertThat(log.warnings()).hasSize(5);
        }
        assertThat(completion.iterations()).isEqualTo(4);
        assertThat(completion.reason()).isEqualTo(Completion.Reason.MAX_ITERATIONS);
        assertThat(Files.readAllLines(folder().resolve("cpu.trace"))).hasSize(4);
        assertThat(Threads.mailThreadsAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aMailServerThatHangs_neverHoldsTheExperimentUp() throws Exception {
        RecordingNotifier stuck = RecordingNotifier.blocking();
        Completion completion;
        try (MailingListener mail = MailingListener.builder(stuck, folder()).clock(clock).build()) {
            completion = run(mail);
            // every iteration ran while the first mail was still being handed over
            assertThat(completion.iterations()).isEqualTo(4);
            assertThat(stuck.sent()).isEmpty();
            stuck.release();
        }

        assertThat(stuck.sent()).extracting(Notification::subject).hasSize(5)
                .containsOnlyOnce("report of experiment mail-test");
        assertThat(Threads.mailThreads()).isEmpty();
    }
}
