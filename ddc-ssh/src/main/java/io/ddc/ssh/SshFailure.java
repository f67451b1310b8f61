package io.ddc.ssh;

/**
 * Why the runner could not reach a program on a target: a readable reason that becomes the
 * execution's FAILED reason. Never holds a secret.
 */
final class SshFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** True if the session was open and then lost: worth one new session before giving up. */
    private final boolean sessionLost;
    private final String reason;

    SshFailure(String reason) {
        this(reason, false);
    }

    SshFailure(String reason, boolean sessionLost) {
        super(reason, null, false, false);
        this.sessionLost = sessionLost;
        this.reason = reason;
    }

    /** The reason given at construction: never null, unlike {@link Throwable#getMessage()} in general. */
    @Override
    public String getMessage() {
        return reason;
    }

    boolean sessionLost() {
        return sessionLost;
    }
}
