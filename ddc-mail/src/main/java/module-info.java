/**
 * Report and alert mails over SMTP: {@link io.ddc.mail.SmtpNotifier}, an
 * {@link io.ddc.spi.Notifier} on Jakarta Mail, and {@link io.ddc.mail.MailingListener}, an
 * experiment listener that mails reports with the trace files attached. The SMTP implementation
 * (Angus Mail, module {@code org.eclipse.angus.mail}) is found by Jakarta Mail at run time.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.mail {
    requires transitive io.ddc.api;
    requires io.ddc.files;
    requires io.ddc.report;
    requires jakarta.mail;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.ddc.mail;
}
