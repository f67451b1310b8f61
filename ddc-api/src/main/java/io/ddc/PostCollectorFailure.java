package io.ddc;

import java.util.Objects;

/**
 * A post-collector that threw or overran its time limit, as reported to listeners.
 *
 * @param collector the post-collector's name
 * @param result the result it was handling
 * @param timedOut true if it overran its limit (and was interrupted), false if it threw
 * @param message the exception's class and message, or the limit that was exceeded
 */
public record PostCollectorFailure(String collector, ExecutionResult result, boolean timedOut, String message) {
    /**
     * Checks the components.
     *
     * @param collector the post-collector's name
     * @param result the result it was handling
     * @param timedOut true if it overran its limit (and was interrupted), false if it threw
     * @param message the exception's class and message, or the limit that was exceeded
     */
    public PostCollectorFailure {
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
    }
}
