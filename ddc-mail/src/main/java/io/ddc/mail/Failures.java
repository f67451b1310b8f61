package io.ddc.mail;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns an exception and its causes into one line for a log or an exception message. */
final class Failures {
    private static final int MAX_DEPTH = 4;

    private Failures() {}

    /**
     * Describes {@code failure} and up to three causes, each as its simple class name and message,
     * skipping a cause whose message the text already holds (a wrapper often quotes its cause).
     *
     * @return for example {@code MailConnectException: Couldn't connect to host, port: 127.0.0.1, 25;
     *     timeout 10000; caused by ConnectException: Connection refused}
     */
    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        @Nullable Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            String message = oneLine(current.getMessage());
            if (parts.isEmpty() || message.isEmpty() || said.indexOf(message) < 0) {
                parts.add(current.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
                said.append(message).append('\n');
            }
            Throwable cause = current.getCause();
            current = cause == current ? null : cause;
        }
        return String.join("; caused by ", parts);
    }

    private static String oneLine(@Nullable String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
