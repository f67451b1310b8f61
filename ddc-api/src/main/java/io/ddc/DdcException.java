package io.ddc;

/**
 * The one unchecked exception DDC throws for failures at run time (storage that cannot be written,
 * an engine that cannot be found). Bad input is reported with {@link IllegalArgumentException}, a
 * conflicting setting with {@link IllegalStateException}.
 */
public class DdcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what went wrong and what to do.
     *
     * @param message the message
     */
    public DdcException(String message) {
        super(message);
    }

    /**
     * Creates an exception that keeps its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public DdcException(String message, Throwable cause) {
        super(message, cause);
    }
}
