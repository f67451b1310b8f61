package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.testing.LogCapture;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ddc.DdcException;
import io.ddc.Notification;
import io.ddc.Notification.Attachment;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SmtpNotifier} against a real SMTP server (GreenMail) and scripted misbehaving ones, all on loopback. */
final class SmtpNotifierTest {
    private static final String PASSWORD = "Smtp-Pw-7f3a!only-here";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ddc@example.org", "ddc", PASSWORD));

    private static SmtpNotifier.Builder toGreenMail() {
        return SmtpNotifier.builder("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .security(SmtpSecurity.NONE)
                .from("DDC <ddc@example.org>")
                .to("ops@example.org");
    }

    private static SmtpNotifier.Builder toPort(int port) {
        return SmtpNotifier.builder("127.0.0.1")
                .port(port)
                .security(SmtpSecurity.NONE)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .from("ddc@example.org")
                .to("ops@example.org");
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    @Test
    void aPlainNotification_arrivesWithThePrefixedSubjectAndTheText() throws Exception {
        toGreenMail().build().send(Notification.of("disk sda on m01", "reallocated sectors: 0 -> 8\nmore\n"));

        MimeMessage message = onlyMessage();
        ReceivedMail mail = ReceivedMail.of(message);
        assertThat(mail.subject).isEqualTo("[DDC] disk sda on m01");
        // the line break that ends a single-part body is also the start of SMTP's end-of-data mark
        assertThat(mail.text).isEqualTo("reallocated sectors: 0 -> 8\nmore");
        assertThat(mail.attachments).isEmpty();
        assertThat(message.getFrom()).containsExactly(new InternetAddress("DDC <ddc@example.org>"));
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("ops@example.org"));
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(message.getSentDate()).isNotNull();
    }

    @Test
    void nonAsciiSubjectAndText_arriveUnchanged() throws Exception {
        toGreenMail().subjectPrefix("").build()
                .send(Notification.of("Festplatte fast voll – 98 % auf Gerät m01", "Größe: 1 TiB\nfrei: 20 GiB ✓"));

        ReceivedMail mail = ReceivedMail.of(onlyMessage());
        assertThat(mail.subject).isEqualTo("Festplatte fast voll – 98 % auf Gerät m01");
        assertThat(mail.text).isEqualTo("Größe: 1 TiB\nfrei: 20 GiB ✓");
    }

    @Test
    void attachments_arriveByteForByte_withTheirNamesAndTypes() throws Exception {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + (i >> 7));
        }
        byte[] csv = "target,free\nm01,20\r\nm02,\r".getBytes(StandardCharsets.UTF_8);
        toGreenMail().build().send(new Notification("report", "two files", List.of(
                new Attachment("load.trace.gz", "application/gzip", binary),
                new Attachment("free.csv", "text/csv; charset=UTF-8", csv))));

        ReceivedMail mail = ReceivedMail.of(onlyMessage());
        assertThat(mail.text).isEqualTo("two files");
        assertThat(mail.attachments).hasSize(2);
        assertThat(mail.attachments.get(0).name()).isEqualTo("load.trace.gz");
        assertThat(mail.attachments.get(0).contentType()).isEqualTo("application/gzip; name=load.trace.gz");
        assertThat(mail.attachments.get(0).disposition()).isEqualTo("attachment");
        assertThat(mail.attachments.get(0).bytes()).isEqualTo(binary);
        assertThat(mail.attachments.get(1).name()).isEqualTo("free.csv");
        assertThat(mail.attachments.get(1).contentType()).isEqualTo("text/csv; charset=UTF-8; name=free.csv");
        assertThat(mail.attachments.get(1).bytes()).isEqualTo(csv);
    }

    @Test
    void everyRecipient_getsTheMail() throws Exception {
        toGreenMail().to("second@example.org", "third@example.org").build().send(Notification.of("s", "t"));

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(3);
        assertThat(GREEN_MAIL.getReceivedMessagesForDomain("example.org")).hasSize(3);
    }

    @Test
    void withCredentials_thePasswordIsAskedForEachMail_clearedAfterUse_andNeverShown() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<char[]> handedOut = new AtomicReference<>();
        SmtpNotifier notifier = toGreenMail().credentials("ddc", () -> {
            asked.incrementAndGet();
            char[] password = PASSWORD.toCharArray();
            handedOut.set(password);
            return password;
        }).build();

        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            notifier.send(Notification.of("first", "t"));
            notifier.send(Notification.of("second", "t"));

            assertThat(log.all()).doesNotContain(PASSWORD);
        }
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
        assertThat(asked).hasValue(2);
        assertThat(handedOut.get()).containsOnly('\0');
        assertThat(notifier.toString()).contains("user ddc").doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPassword_failsWithTheServersAnswer_andTheTriedPasswordAppearsNowhere() {
        String wrong = "Wrong-Pw-31c!not-it";
        SmtpNotifier notifier = toGreenMail().credentials("ddc", wrong::toCharArray).build();

        try (LogCapture log = new LogCapture("io.ddc.mail.")) {
            assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                    .isInstanceOf(DdcException.class)
                    .hasMessage("cannot send mail '[DDC] s' through 127.0.0.1:" + GREEN_MAIL.getSmtp().getPort()
                            + " (NONE): AuthenticationFailedException: 535 5.7.8  Authentication credentials invalid")
                    .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(wrong).doesNotContain(PASSWORD));
            assertThat(log.all()).doesNotContain(wrong);
        }
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aPasswordSupplierThatFails_failsTheMail_withItsMessage() {
        SmtpNotifier notifier = toGreenMail().credentials("ddc", () -> {
            throw new IllegalStateException("environment variable DDC_SMTP_PASSWORD is not set");
        }).build();

        assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                .isInstanceOf(DdcException.class)
                .hasMessage("cannot get the password of SMTP user 'ddc': IllegalStateException: environment variable "
                        + "DDC_SMTP_PASSWORD is not set")
                .hasCauseInstanceOf(IllegalStateException.class);
        SmtpNotifier nullPassword = toGreenMail().credentials("ddc", () -> null).build();
        assertThatThrownBy(() -> nullPassword.send(Notification.of("s", "t")))
                .isInstanceOf(DdcException.class)
                .hasMessage("the password supplier of SMTP user 'ddc' returned null");
    }

    @Test
    void aServerThatRefusesTheRecipient_fails_andNothingIsSent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REFUSE_RECIPIENTS)) {
            SmtpNotifier notifier = toPort(server.port()).build();

            assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                    .isInstanceOf(DdcException.class)
                    .hasMessageStartingWith("cannot send mail '[DDC] s' through 127.0.0.1:" + server.port() + " (NONE): ")
                    .hasMessageContaining("554 5.7.1 relay access denied");
            assertThat(server.commands()).noneMatch(command -> command.startsWith("DATA"));
        }
    }

    @Test
    void aServerThatRefusesAtTheGreeting_fails() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REFUSE_AT_GREETING)) {
            assertThatThrownBy(() -> toPort(server.port()).build().send(Notification.of("s", "t")))
                    .isInstanceOf(DdcException.class)
                    .hasMessageContaining("554 5.3.2 refusing.test no service for you");
        }
    }

    @Test
    void aClosedPort_fails_withConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        int closedPort = port;

        assertThatThrownBy(() -> toPort(closedPort).build().send(Notification.of("s", "t")))
                .isInstanceOf(DdcException.class)
                .hasMessageStartingWith("cannot send mail '[DDC] s' through 127.0.0.1:" + closedPort + " (NONE): ")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aSilentServer_failsWithinTheReadTimeout() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.SILENT)) {
            SmtpNotifier notifier = toPort(server.port()).readTimeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                    .isInstanceOf(DdcException.class)
                    .hasMessageContaining("Read timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void starttlsRequired_refusesAServerWithoutStarttls_beforeSendingAnything() {
        SmtpNotifier notifier = toGreenMail().security(SmtpSecurity.STARTTLS).build();

        assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                .isInstanceOf(DdcException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtps_refusesAServerWhoseCertificateIsNotTrusted_beforeSendingAnything() {
        // GreenMail's SMTPS presents a self-signed certificate that no trust store holds
        GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtps"));
        smtps.start();
        try {
            SmtpNotifier notifier = toPort(smtps.getSmtps().getPort()).security(SmtpSecurity.SMTPS).build();

            assertThatThrownBy(() -> notifier.send(Notification.of("s", "t")))
                    .isInstanceOf(DdcException.class)
                    .hasMessageStartingWith("cannot send mail '[DDC] s' through 127.0.0.1:" + smtps.getSmtps().getPort()
                            + " (SMTPS): ")
                    .hasMessageContaining("SSLHandshakeException");
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    @Test
    void noThreadIsLeftAfterSending() throws Exception {
        SmtpNotifier notifier = toGreenMail().build();
        notifier.send(Notification.of("s", "t"));
        notifier.close();

        assertThat(Threads.mailThreadsAfter(Duration.ofSeconds(5))).isEmpty();
    }

    private static String stackTraceOf(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
