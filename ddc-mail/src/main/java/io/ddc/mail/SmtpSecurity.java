package io.ddc.mail;

/** How {@link SmtpNotifier} protects its connection to the mail server. */
public enum SmtpSecurity {
    /**
     * No encryption, port 25 by default. A password is then sent in clear, so
     * {@link SmtpNotifier.Builder#build()} allows credentials with it only to a loopback host.
     */
    NONE(25),
    /**
     * Plain connection upgraded with STARTTLS before anything else is sent, port 587 by default.
     * A server that does not offer STARTTLS is refused: nothing is ever sent unencrypted.
     */
    STARTTLS(587),
    /** TLS from the first byte ("SMTPS", implicit TLS), port 465 by default. */
    SMTPS(465);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** @return the port used when none is set */
    public int defaultPort() {
        return defaultPort;
    }
}
