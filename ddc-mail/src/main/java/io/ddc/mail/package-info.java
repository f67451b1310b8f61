/**
 * Report and alert mails: {@link io.ddc.mail.SmtpNotifier} sends an {@link io.ddc.Notification}
 * through an SMTP server with Jakarta Mail (Angus Mail), and {@link io.ddc.mail.MailingListener}
 * uses any {@link io.ddc.spi.Notifier} to mail an experiment's periodic report, with its trace files
 * gzip-compressed as attachments, and the alerts that post-collectors raise, on a thread of its own
 * so that a mail server that is down or refuses mail never holds the experiment up.
 *
 * <pre>{@code
 * SmtpNotifier smtp = SmtpNotifier.builder("smtp.lab.example.org")
 *     .from("ddc@lab.example.org")
 *     .to("ops@lab.example.org")
 *     .credentials("ddc", () -> System.getenv("DDC_SMTP_PASSWORD").toCharArray())
 *     .build();
 * try (MailingListener mail = MailingListener.builder(smtp, Path.of("ddc-data", "lab")).build()) {
 *     Experiment experiment = Experiment.builder("lab")
 *         // probes, targets, runner
 *         .listener(mail)
 *         .build();
 *     try (ExperimentRun run = experiment.start()) {
 *         run.await();
 *     }
 *     mail.report();
 * }
 * }</pre>
 */
@NullMarked
package io.ddc.mail;

import org.jspecify.annotations.NullMarked;
