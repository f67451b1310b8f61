package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.ddc.testing.ManualClock;
import io.ddc.testing.LogCapture;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.IterationSummary;
import io.ddc.Notification;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Target;
import io.ddc.TraceLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link MailingListener} fed by hand: trace files written by the test, a manual clock, GreenMail or a fake notifier. */
final class MailingListenerTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_081_948_390L);
    private static final String FIELDS = "(iteration|#succeeded|#failed|#unavailable|%succeeded|seconds|succeeded|failed|unavailable|)";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);

    private Path folder() {
        return dir.resolve("lab");
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

    private static SmtpNotifier greenMail() {
        return smtp(GREEN_MAIL.getSmtp().getPort());
    }

    private MailingListener.Builder listener(io.ddc.spi.Notifier notifier) {
        return MailingListener.builder(notifier, folder()).clock(clock);
    }

    private static IterationSummary iteration(Instant started) {
        return new IterationSummary("lab", started.getEpochSecond(), started, Duration.ofSeconds(3), Map.of());
    }

    private Path writeTrace(String probe, TraceLine... lines) throws IOException {
        Files.createDirectories(folder());
        StringBuilder text = new StringBuilder();
        for (TraceLine line : lines) {
            text.append(line.format()).append('\n');
        }
        return Files.writeString(folder().resolve(probe + ".trace"), text.toString(), StandardCharsets.UTF_8);
    }

    private static TraceLine line(long id, List<String> succeeded, List<String> failed, List<String> unavailable) {
        return new TraceLine(id, Duration.ofMillis(3_250), succeeded, failed, unavailable);
    }

    private static ReceivedMail onlyMail() throws Exception {
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        return ReceivedMail.of(GREEN_MAIL.getReceivedMessages()[0]);
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1);
    }

    @Test
    void reports_areDueEveryPeriod_onTheGridOfTheStart_andMissedPeriodsAreNotMadeUp() throws Exception {
        RecordingNotifier notifier = RecordingNotifier.immediate();
        ExecutionResult marker = ExecutionResult.unavailable(Target.of("m01"), "marker", 1, "-");
        Map<Long, Long> reportsAfterHour = new LinkedHashMap<>();
        try (MailingListener mail = listener(notifier).period(Duration.ofHours(24)).build()) {
            int markers = 0;
            for (long hour : new long[] {0, 1, 23, 24, 30, 47, 48, 100, 119, 120}) {
                clock.advance(Duration.between(clock.instant(), T0.plus(Duration.ofHours(hour))));
                mail.iterationFinished(iteration(clock.instant()));
                // mails go out in order: once the marker is out, so is every report queued before it
                mail.alert(marker, "marker");
                markers++;
                awaitAlerts(notifier, markers);
                reportsAfterHour.put(hour, notifier.sent().stream()
                        .filter(sent -> sent.subject().startsWith("report")).count());
            }
        }

        assertThat(reportsAfterHour).containsExactly(entry(0L, 0L), entry(1L, 0L), entry(23L, 0L), entry(24L, 1L),
                entry(30L, 1L), entry(47L, 1L), entry(48L, 2L), entry(100L, 3L), entry(119L, 3L), entry(120L, 4L));
    }

    private static void awaitAlerts(RecordingNotifier notifier, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (notifier.sent().stream().filter(sent -> sent.subject().startsWith("ALERT")).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("alert " + count + " was not sent within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void theReport_bodyAndEachDecompressedAttachment_areTheFiles() throws Exception {
        long id = T0.getEpochSecond();
        Path cpu = writeTrace("cpu",
                line(id, List.of("m01", "m02"), List.of(), List.of("m03")),
                line(id + 900, List.of("m01"), List.of("m02"), List.of("m03")),
                line(id + 1800, List.of("m01", "m02", "m03"), List.of(), List.of()));
        Path disk = writeTrace("disk", line(id + 1800, List.of(), List.of("m01"), List.of("m02", "m03")));
        Path empty = writeTrace("empty");
        Files.writeString(folder().resolve(".state"), "format=1\n");
        Files.createDirectories(folder().resolve("m01"));
        Files.writeString(folder().resolve("m01").resolve("cpu.stdout"), "not a trace\n");

        try (MailingListener mail = listener(greenMail()).build()) {
            assertThat(mail.report()).isTrue();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.subject).isEqualTo("[DDC] report of experiment lab");
        assertThat(received.text).isEqualTo("DDC report of experiment lab, every 24 h\n"
                + "Time: 2004-04-14T13:13:10Z\n"
                + "Folder: " + folder().toAbsolutePath() + "\n"
                + "\n"
                + "Last trace line of each probe " + FIELDS + ":\n"
                + "cpu: " + lastLine(cpu) + "\n"
                + "disk: " + lastLine(disk) + "\n"
                + "empty: (no line yet)\n"
                + "\n"
                + "Attached: cpu.trace.gz (gzip-compressed), disk.trace.gz (gzip-compressed), empty.trace.gz"
                + " (gzip-compressed), report.html (the availability report, UTC)\n");
        assertThat(lastLine(cpu)).isEqualTo("1081950190|3|0|0|100.0|3.3|m01,m02,m03,| | |");
        assertThat(received.attachments).extracting(ReceivedMail.File::name)
                .containsExactly("cpu.trace.gz", "disk.trace.gz", "empty.trace.gz", "report.html");
        assertThat(received.attachments.subList(0, 3)).allSatisfy(file -> {
            assertThat(file.contentType()).startsWith("application/gzip; name=");
            assertThat(file.disposition()).isEqualTo("attachment");
        });
        // the availability report of the same folder, as the launcher's report --html makes it
        assertThat(received.attachments.get(3).contentType()).startsWith("text/html");
        assertThat(new String(received.attachments.get(3).bytes(), StandardCharsets.UTF_8))
                .startsWith("<!DOCTYPE html>").contains("<h1>DDC report of " + folder() + "</h1>")
                .contains("<td>cpu</td>");
        assertThat(received.attachments.get(0).gunzipped()).isEqualTo(Files.readAllBytes(cpu));
        assertThat(received.attachments.get(1).gunzipped()).isEqualTo(Files.readAllBytes(disk));
        assertThat(received.attachments.get(2).gunzipped()).isEqualTo(Files.readAllBytes(empty)).isEmpty();
    }

    @Test
    void aTornLastLine_isNotShownAsTheLastLine_butIsAttachedAsItIs() throws Exception {
        long id = T0.getEpochSecond();
        Path cpu = writeTrace("cpu", line(id, List.of("m01"), List.of(), List.of()));
        Files.writeString(cpu, "1081949290|1|0|", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        try (MailingListener mail = listener(greenMail()).build()) {
            mail.report();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.text).contains("\ncpu: 1081948390|1|0|0|100.0|3.3|m01,| | |\n");
        assertThat(received.attachments.get(0).gunzipped()).isEqualTo(Files.readAllBytes(cpu));
    }

    @Test
    void withoutTraceFiles_theReportSaysSo_andHasNoAttachment() throws Exception {
        try (MailingListener mail = listener(greenMail()).period(Duration.ofMinutes(30)).build()) {
            mail.report();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.text).isEqualTo("DDC report of experiment lab, every 30 min\n"
                + "Time: 2004-04-14T13:13:10Z\n"
                + "Folder: " + folder().toAbsolutePath() + "\n"
                + "\n"
                + "No trace file yet.");
        assertThat(received.attachments).isEmpty();
    }

    @Test
    void filesBeyondTheAttachmentLimit_areNamedInTheBody_insteadOfAttached() throws Exception {
        Random random = new Random(42);
        List<TraceLine> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<String> names = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                names.add("h" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
            }
            lines.add(line(T0.getEpochSecond() + i, names, List.of(), List.of()));
        }
        writeTrace("big", lines.toArray(new TraceLine[0]));
        Path small = writeTrace("small", line(T0.getEpochSecond(), List.of("m01"), List.of(), List.of()));

        try (MailingListener mail = listener(greenMail()).attachmentLimit(2_000).build()) {
            mail.report();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.attachments).extracting(ReceivedMail.File::name).containsExactly("small.trace.gz");
        assertThat(received.attachments.get(0).gunzipped()).isEqualTo(Files.readAllBytes(small));
        assertThat(received.text).contains("big: " + lines.get(199).format() + "\n")
                .endsWith("\nAttached: small.trace.gz (gzip-compressed)\n"
                        + "\n"
                        + "Not attached: big.trace.gz (over the limit of 2000 attached bytes per mail)\n"
                        + "Not attached: report.html (over the limit of 2000 attached bytes per mail)\n");
    }

    @Test
    void aCustomBody_replacesTheDefault() throws Exception {
        writeTrace("cpu", line(T0.getEpochSecond(), List.of("m01"), List.of(), List.of()));

        try (MailingListener mail = listener(greenMail())
                .body(folder -> "report of " + folder.getFileName() + " made elsewhere\n").build()) {
            mail.report();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.text).isEqualTo("report of lab made elsewhere\n");
        assertThat(received.attachments).extracting(ReceivedMail.File::name).containsExactly("cpu.trace.gz",
                "report.html");
    }

    @Test
    void aBodyFunctionThatFails_givesTheDefaultBody_andIsLogged() throws Exception {
        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            try (MailingListener mail = listener(greenMail())
                    .body(folder -> {
                        throw new IllegalStateException("no report tool");
                    }).build()) {
                mail.report();
            }

            assertThat(log.warnings()).containsExactly("report of experiment lab: the body function failed, the "
                    + "default body is sent: IllegalStateException: no report tool");
        }
        assertThat(onlyMail().text).startsWith("DDC report of experiment lab, every 24 h\n");
    }

    @Test
    void anAlert_namesProbeTargetAndExperiment_inItsSubject() throws Exception {
        ExecutionResult result = new ExecutionResult(Target.of("m01"), "smart", T0.getEpochSecond(),
                OptionalInt.of(4), Output.ofText("..."), Output.empty(), Duration.ofSeconds(2),
                Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code 4 is not accepted")));

        try (MailingListener mail = listener(greenMail()).build()) {
            assertThat(mail.alert(result, "disk sda: reallocated sectors grew from 0 to 8")).isTrue();
        }

        ReceivedMail received = onlyMail();
        assertThat(received.subject).isEqualTo("[DDC] ALERT smart on m01 (lab)");
        // the line break that ends a single-part body is also the start of SMTP's end-of-data mark
        assertThat(received.text).isEqualTo("disk sda: reallocated sectors grew from 0 to 8\n"
                + "\n"
                + "Experiment: lab\n"
                + "Probe: smart\n"
                + "Target: m01\n"
                + "Iteration: 1081948390 (2004-04-14T13:13:10Z)\n"
                + "Outcome: FAILED, exit code 4, EXIT_CODE_NOT_ACCEPTED: exit code 4 is not accepted");
    }

    @Test
    void aServerThatRefusesMail_isLogged_andTheListenerGoesOn_withNoThreadLeft() throws Exception {
        ExecutionResult unavailable = ExecutionResult.unavailable(Target.of("m02"), "cpu", T0.getEpochSecond(), "no answer");
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REFUSE_RECIPIENTS);
                LogCapture log = new LogCapture("io.ddc.mail.")) {
            writeTrace("cpu", line(T0.getEpochSecond(), List.of("m01"), List.of(), List.of()));
            MailingListener mail = listener(smtp(server.port())).period(Duration.ofHours(1)).build();

            clock.advance(Duration.ofHours(1));
            mail.iterationFinished(iteration(clock.instant()));
            assertThat(mail.alert(unavailable, "m02 is gone")).isTrue();
            assertThat(mail.report()).isTrue();
            mail.close();

            String refusal = "DdcException: cannot send mail '[DDC] %s' through 127.0.0.1:" + server.port()
                    + " (NONE): SendFailedException: Invalid Addresses; caused by SMTPAddressFailedException: "
                    + "554 5.7.1 relay access denied";
            assertThat(log.warnings()).containsExactly(
                    "mail 'report of experiment lab' of experiment lab not sent, the experiment goes on: "
                            + String.format(refusal, "report of experiment lab"),
                    "mail 'ALERT cpu on m02 (lab)' of experiment lab not sent, the experiment goes on: "
                            + String.format(refusal, "ALERT cpu on m02 (lab)"),
                    "mail 'report of experiment lab' of experiment lab not sent, the experiment goes on: "
                            + String.format(refusal, "report of experiment lab"));
            assertThat(server.commands().stream().filter(command -> command.startsWith("RCPT")).count()).isEqualTo(3);
        }
        assertThat(Threads.mailThreadsAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void mailsAreSent_inOrder_onTheSenderThread_andNoThreadRunsBeforeOrAfter() throws Exception {
        RecordingNotifier notifier = RecordingNotifier.immediate();
        assertThat(Threads.mailThreads()).isEmpty();
        ExecutionResult result = ExecutionResult.unavailable(Target.of("m02"), "cpu", T0.getEpochSecond(), "no answer");

        try (MailingListener mail = listener(notifier).build()) {
            assertThat(Threads.mailThreads()).isEmpty();
            mail.alert(result, "one");
            mail.report();
            mail.alert(result, "three");
        }

        assertThat(notifier.sent()).extracting(Notification::subject)
                .containsExactly("ALERT cpu on m02 (lab)", "report of experiment lab", "ALERT cpu on m02 (lab)");
        assertThat(notifier.threads()).containsOnly(MailingListener.THREAD_NAME);
        assertThat(Threads.mailThreads()).isEmpty();
    }

    @Test
    void aFullQueue_dropsTheMail_andLogsIt() throws Exception {
        RecordingNotifier notifier = RecordingNotifier.blocking();
        ExecutionResult result = ExecutionResult.unavailable(Target.of("m02"), "cpu", T0.getEpochSecond(), "no answer");
        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            try (MailingListener mail = listener(notifier).queueCapacity(1).build()) {
                assertThat(mail.alert(result, "in progress")).isTrue();
                notifier.awaitFirstSend();
                assertThat(mail.alert(result, "waiting")).isTrue();
                assertThat(mail.report()).isFalse();
                notifier.release();
            }

            assertThat(log.warnings()).containsExactly(
                    "mail 'report of experiment lab' of experiment lab not sent: the queue is full (1 mail waiting)");
        }
        assertThat(notifier.sent()).extracting(Notification::text).allMatch(text -> !text.isEmpty()).hasSize(2);
    }

    @Test
    void afterClose_mailsAreRefused_andLogged_andIterationsAreIgnored() {
        RecordingNotifier notifier = RecordingNotifier.immediate();
        MailingListener mail = listener(notifier).period(Duration.ofHours(1)).build();
        mail.close();
        mail.close();

        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            assertThat(mail.report()).isFalse();
            clock.advance(Duration.ofHours(2));
            mail.iterationFinished(iteration(clock.instant()));

            assertThat(log.warnings()).containsExactly(
                    "mail 'report of experiment lab' of experiment lab not sent: the mail listener is closed");
        }
        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    void close_givesUpAfterItsTimeout_andTheStuckSendEndsWhenInterrupted() throws Exception {
        RecordingNotifier notifier = RecordingNotifier.blocking();
        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            MailingListener mail = listener(notifier).closeTimeout(Duration.ofMillis(200)).build();
            mail.report();
            mail.report();
            notifier.awaitFirstSend();
            long start = System.nanoTime();
            mail.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(Threads.mailThreadsAfter(Duration.ofSeconds(5))).isEmpty();
            // the closing thread and the sender thread each log one line, in either order
            assertThat(log.warnings()).containsExactlyInAnyOrder(
                    "mail listener of experiment lab closed after PT0.2S: the send in progress was interrupted and 1 mail "
                            + "dropped",
                    "mail 'report of experiment lab' of experiment lab not sent, the experiment goes on: "
                            + "DdcException: interrupted while sending 'report of experiment lab'; caused by "
                            + "InterruptedException");
        }
        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    void builder_validation() {
        RecordingNotifier notifier = RecordingNotifier.immediate();
        assertThatThrownBy(() -> MailingListener.builder(null, folder()))
                .isInstanceOf(NullPointerException.class).hasMessage("notifier");
        assertThatThrownBy(() -> MailingListener.builder(notifier, null))
                .isInstanceOf(NullPointerException.class).hasMessage("experimentFolder");
        Path root = dir.getRoot();
        assertThatThrownBy(() -> MailingListener.builder(notifier, root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment folder '" + root + "' has no name: give <storage root>/<experiment name>");
        MailingListener.Builder builder = MailingListener.builder(notifier, folder());
        assertThatThrownBy(() -> builder.period(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report period must be 1 second to 366 days, got PT0.999S");
        assertThatThrownBy(() -> builder.period(Duration.ofDays(367)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report period must be 1 second to 366 days, got PT8808H");
        assertThatThrownBy(() -> builder.attachmentLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attachment limit must be 0 to 1073741824 bytes, got -1");
        assertThatThrownBy(() -> builder.queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mail queue capacity must be 1 to 1024, got 0");
        assertThatThrownBy(() -> builder.queueCapacity(1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mail queue capacity must be 1 to 1024, got 1025");
        assertThatThrownBy(() -> builder.closeTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("close timeout must be 0 to 1 hour, got PT-0.001S");
        assertThatThrownBy(() -> builder.period(null)).isInstanceOf(NullPointerException.class).hasMessage("period");
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> builder.body(null)).isInstanceOf(NullPointerException.class).hasMessage("body");
    }

    @Test
    void alert_nulls_areRejected() {
        try (MailingListener mail = listener(RecordingNotifier.immediate()).build()) {
            ExecutionResult result = ExecutionResult.unavailable(Target.of("m02"), "cpu", 1, "no answer");
            assertThatThrownBy(() -> mail.alert(null, "t")).isInstanceOf(NullPointerException.class).hasMessage("result");
            assertThatThrownBy(() -> mail.alert(result, null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        }
    }

    @Test
    void toString_namesExperimentPeriodAndNotifier() {
        try (MailingListener mail = listener(RecordingNotifier.immediate()).period(Duration.ofHours(6)).build()) {
            assertThat(mail).hasToString("MailingListener[lab, every PT6H, through RecordingNotifier]");
        }
    }
}
