package io.ddc.spi;

import io.ddc.Notification;

/**
 * Hands a {@link Notification} (a report or an alert) over to something that delivers it to
 * people: a mail server ({@code io.ddc.mail.SmtpNotifier} in {@code ddc-mail}), a chat, a ticket
 * system.
 *
 * <pre>{@code
 * Notifier console = notification -> System.out.println(notification.subject());
 * }</pre>
 *
 * <p>{@link #send} is synchronous: it returns once the notification is handed over, or throws.
 * It may take as long as the delivery's own timeouts, so do not call it on a path that must stay
 * fast (an {@link io.ddc.ExperimentListener} method, a post-collector with a short limit): hand it to
 * a thread of your own, as {@code io.ddc.mail.MailingListener} does. Implementations must be
 * thread-safe, and must never put a secret (a password, a token) into an exception message or
 * {@code toString()}.
 */
@FunctionalInterface
public interface Notifier extends AutoCloseable {
    /**
     * Delivers one notification.
     *
     * @param notification what to send
     * @throws io.ddc.DdcException if it could not be handed over (server down, refused, timed
     *     out, bad credentials), with the cause kept
     */
    void send(Notification notification);

    /**
     * Releases what the notifier holds (connections, threads). By default nothing; a notifier that
     * holds something says so in its documentation. Sending after closing is undefined.
     */
    @Override
    default void close() {}
}
