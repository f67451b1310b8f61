package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SmtpNotifierBuilderTest {
    private static final Supplier<char[]> PASSWORD = () -> "Pw-only-in-this-test".toCharArray();

    private static SmtpNotifier.Builder minimal(String host) {
        return SmtpNotifier.builder(host).from("ddc@lab.example.org").to("ops@lab.example.org");
    }

    @Test
    void defaults() {
        assertThat(minimal("smtp.lab.example.org").build()).hasToString("SmtpNotifier[smtp.lab.example.org:587 "
                + "(STARTTLS), from ddc@lab.example.org, to [ops@lab.example.org], no credentials, "
                + "connect timeout PT10S, read timeout PT10S, subject prefix '[DDC] ']");
    }

    @Test
    void everySetting_showsInToString_butNeverThePassword() {
        SmtpNotifier notifier = SmtpNotifier.builder("mail.example.org")
                .security(SmtpSecurity.SMTPS)
                .port(2465)
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofMillis(1500))
                .from("DDC <ddc@example.org>")
                .to("a@example.org", "b@example.org")
                .to("c@example.org")
                .credentials("ddc", PASSWORD)
                .subjectPrefix("[lab] ")
                .build();

        assertThat(notifier).hasToString("SmtpNotifier[mail.example.org:2465 (SMTPS), from DDC <ddc@example.org>, "
                + "to [a@example.org, b@example.org, c@example.org], user ddc, connect timeout PT3S, "
                + "read timeout PT1.5S, subject prefix '[lab] ']");
        assertThat(notifier.toString()).doesNotContain("Pw-only-in-this-test");
    }

    @Test
    void theDefaultPort_followsTheSecurity() {
        assertThat(minimal("h").security(SmtpSecurity.NONE).build().toString()).startsWith("SmtpNotifier[h:25 (NONE)");
        assertThat(minimal("h").security(SmtpSecurity.STARTTLS).build().toString()).startsWith("SmtpNotifier[h:587 (STARTTLS)");
        assertThat(minimal("h").security(SmtpSecurity.SMTPS).build().toString()).startsWith("SmtpNotifier[h:465 (SMTPS)");
        assertThat(minimal("h").port(2525).security(SmtpSecurity.SMTPS).build().toString())
                .startsWith("SmtpNotifier[h:2525 (SMTPS)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp.example.org", "127.0.0.1", "::1", "fe80::1", "mail_relay", "localhost"})
    void host_accepted(String host) {
        assertThat(minimal(host).build().toString()).startsWith("SmtpNotifier[" + host + ":");
    }

    @Test
    void host_rules() {
        assertThatThrownBy(() -> SmtpNotifier.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> SmtpNotifier.builder(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP host is empty");
        assertThatThrownBy(() -> SmtpNotifier.builder("smtp example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP host 'smtp example' contains ' ': give a host name, an IPv4 address or an IPv6 "
                        + "address without brackets");
        assertThatThrownBy(() -> SmtpNotifier.builder("[::1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP host '[::1]' contains '[': give a host name, an IPv4 address or an IPv6 "
                        + "address without brackets");
        assertThatThrownBy(() -> SmtpNotifier.builder("smtp\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP host 'smtp??' contains a control character: give a host name, an IPv4 address or "
                        + "an IPv6 address without brackets");
        assertThatThrownBy(() -> SmtpNotifier.builder("h".repeat(254)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP host is 254 characters long: at most 253 are allowed");
    }

    @Test
    void port_rules() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").port(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP port must be 1 to 65535, got 0");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").port(65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP port must be 1 to 65535, got 65536");
    }

    @Test
    void timeout_rules() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP connect timeout must be positive and at most PT1H, got PT0S");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP read timeout must be positive and at most PT1H, got PT-1S");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").readTimeout(Duration.ofMinutes(61)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP read timeout must be positive and at most PT1H, got PT1H1M");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").readTimeout(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP read timeout must be at least 1 ms, got PT0.00000001S");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").connectTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
    }

    @Test
    void address_rules() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").from("ddc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from address 'ddc' is not valid: Missing final '@domain'");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("a@example.org, b@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to address 'a@example.org, b@example.org' is not valid: Illegal address");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("ops@example.org\r\nBcc: x@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to address 'ops@example.org??Bcc: x@example.org' contains a control character");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("a@@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to address 'a@@example.org' is not valid: Domain contains illegal character");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").from(null))
                .isInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("a@example.org", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("to");
    }

    @Test
    void aRecipientGivenTwice_isRejected() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("ops@example.org").to("Ops <OPS@example.org>"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("recipient OPS@example.org is given twice");
    }

    @Test
    void senderAndRecipient_areRequired() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").to("ops@example.org").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no sender: call from(address)");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").from("ddc@example.org").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no recipient: call to(address)");
    }

    @Test
    void credentials_rules() {
        assertThatThrownBy(() -> SmtpNotifier.builder("h").credentials("", PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP user name is empty");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").credentials("ddc\n", PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMTP user name 'ddc?' contains a control character");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").credentials("ddc", null))
                .isInstanceOf(NullPointerException.class).hasMessage("password");
    }

    @Test
    void aPasswordWithoutTls_isRefused_unlessTheServerIsOnThisMachine() {
        assertThatThrownBy(() -> minimal("smtp.lab.example.org").security(SmtpSecurity.NONE)
                .credentials("ddc", PASSWORD).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SMTP security NONE would send the password of user 'ddc' in clear to smtp.lab.example.org: "
                        + "use STARTTLS or SMTPS (only a loopback host may take a password without TLS)");
        assertThatThrownBy(() -> minimal("10.0.0.1").security(SmtpSecurity.NONE).credentials("ddc", PASSWORD).build())
                .isInstanceOf(IllegalStateException.class);

        for (String loopback : new String[] {"localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
            assertThat(minimal(loopback).security(SmtpSecurity.NONE).credentials("ddc", PASSWORD).build().toString())
                    .contains("user ddc");
        }
    }

    @Test
    void subjectPrefix_rules() {
        assertThat(minimal("h").subjectPrefix("").build().toString()).endsWith("subject prefix '']");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").subjectPrefix("[DDC]\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject prefix contains a control character: a subject is one line");
        assertThatThrownBy(() -> SmtpNotifier.builder("h").subjectPrefix("p".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject prefix is 101 characters long: at most 100 are allowed");
    }

    @Test
    void theBuilderCanBeReused_andBuiltNotifiersDoNotChange() {
        SmtpNotifier.Builder builder = minimal("h");
        SmtpNotifier first = builder.build();
        builder.to("more@example.org");

        assertThat(first.toString()).contains("to [ops@lab.example.org]");
        assertThat(builder.build().toString()).contains("to [ops@lab.example.org, more@example.org]");
    }
}
