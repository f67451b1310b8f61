package io.ddc.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.jspecify.annotations.Nullable;

/** Turns what MINA throws into the runner's readable reasons. */
final class Failures {
    private Failures() {}

    /**
     * @param error what a connect attempt threw
     * @param where {@code host:port}
     * @param timeoutMillis the connect timeout
     * @return the reason
     */
    static String connect(Throwable error, String where, long timeoutMillis) {
        if (find(error, UnknownHostException.class) != null || find(error, UnresolvedAddressException.class) != null) {
            return "name not resolved: " + where;
        }
        if (find(error, ConnectException.class) != null) {
            return "connection refused by " + where;
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return "no route to " + where;
        }
        if (timedOut(error)) {
            return "no SSH connection to " + where + " within " + timeoutMillis + " ms";
        }
        return "no SSH connection to " + where + ": " + message(error);
    }

    /**
     * @param error what an authentication attempt threw
     * @param who {@code user@host:port}
     * @param timeoutMillis the authentication timeout
     * @return the reason
     */
    static String auth(Throwable error, String who, long timeoutMillis) {
        if (timedOut(error)) {
            // the key exchange runs after the connect future completes, so a silent server ends up here too
            return "no SSH handshake and authentication with " + who + " within " + timeoutMillis + " ms";
        }
        String message = message(error);
        if (message.contains("No more authentication methods")) {
            return "authentication failed for " + who + ": the server accepted none of the keys or passwords offered";
        }
        return "session lost while authenticating " + who + ": " + message;
    }

    /**
     * @param error what opening a channel threw
     * @param where {@code user@host:port}
     * @return the reason
     */
    static String channel(Throwable error, String where) {
        SshChannelOpenException refused = find(error, SshChannelOpenException.class);
        if (refused != null) {
            return "channel refused by " + where + ": " + message(refused)
                    + " (more channels at once than the server's MaxSessions?)";
        }
        return "session lost on " + where + " while opening a channel: " + message(error);
    }

    /** MINA's futures say "timeout" in their message, or carry a {@link TimeoutException}. */
    static boolean timedOut(Throwable error) {
        return find(error, TimeoutException.class) != null
                || message(error).toLowerCase(Locale.ROOT).contains("timeout");
    }

    static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (@Nullable Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static String message(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
