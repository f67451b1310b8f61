package io.ddc.launcher;

import io.ddc.mail.MailingListener;
import io.ddc.mail.SmtpNotifier;
import io.ddc.mail.SmtpSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's mail options, a picocli mixin of {@code run} and {@code exec}: {@code --mail-to},
 * {@code --mail-from}, {@code --smtp}, {@code --smtp-user}, {@code --smtp-password-env},
 * {@code --mail-every} and {@code --smtp-security}. With {@code --mail-to}, {@link #open} builds a
 * {@link MailingListener} ({@code ddc-mail}) that mails a report every {@code --mail-every} with
 * each trace file attached gzip-compressed, and the alerts post-collectors raise.
 *
 * <p>The password is never an option: {@code --smtp-password-env} names the environment variable
 * that holds it, read before each mail. {@code --smtp-security none} (no TLS) is allowed only to a
 * loopback server, such as a local relay.
 *
 * <p>Filled in by picocli (and by {@link #defaults} from an experiment file), then read by one
 * command on one thread; not thread-safe.
 */
final class MailOptions {
    /** What {@code --smtp-security} and the file's {@code mail.security} take. */
    static final List<String> SECURITY_CHOICES = List.of("starttls", "tls", "none");

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--mail-to", paramLabel = "ADDR", arity = "1..*", order = 60,
            description = "mail a report every --mail-every, with each trace file attached gzip-compressed, and the"
                    + " alerts of post-collectors, to these addresses; mail is off without it")
    private @Nullable List<String> to;

    @Option(names = "--mail-from", paramLabel = "ADDR", order = 61,
            description = "the sender of the mails (required with --mail-to)")
    private @Nullable String from;

    @Option(names = "--smtp", paramLabel = "HOST[:PORT]", order = 62,
            description = "the mail server (required with --mail-to); the port defaults to 587 for starttls, 465 for"
                    + " tls and 25 for none")
    private @Nullable String server;

    @Option(names = "--smtp-user", paramLabel = "USER", order = 63,
            description = "log on to the mail server as USER (needs --smtp-password-env)")
    private @Nullable String user;

    @Option(names = "--smtp-password-env", paramLabel = "VAR", order = 64,
            description = "name of the environment variable that holds the password of --smtp-user")
    private @Nullable String passwordVariable;

    @Option(names = "--mail-every", paramLabel = "DURATION", order = 65,
            description = "time between two report mails, at least 1s; a last report is mailed when the run ends"
                    + " (default: 24h)")
    private @Nullable String every;

    @Option(names = "--smtp-security", paramLabel = "starttls|tls|none", order = 66,
            description = "starttls (upgrade before anything is sent, certificate checked), tls (TLS from the first"
                    + " byte) or none (no encryption, only to a loopback server) (default: starttls)")
    private @Nullable String security;

    /**
     * Gives the options not set on the command line the values of an experiment file's
     * {@code mail} section: the command line wins.
     *
     * @param mail the section
     */
    void defaults(io.ddc.launcher.ExperimentFile.Mail mail) {
        Objects.requireNonNull(mail, "mail");
        if (to == null) {
            to = new ArrayList<>(mail.to());
        }
        from = from != null ? from : mail.from().orElse(null);
        server = server != null ? server : mail.smtp().orElse(null);
        user = user != null ? user : mail.user().orElse(null);
        passwordVariable = passwordVariable != null ? passwordVariable : mail.passwordVariable().orElse(null);
        every = every != null ? every : mail.every().map(Durations::format).orElse(null);
        security = security != null ? security : mail.security().orElse(null);
    }

    /**
     * Checks the options and builds the mail listener; nothing is connected or started.
     *
     * @param experimentFolder the folder whose trace files the reports attach
     * @param environment where {@code --smtp-password-env} is looked up
     * @return the listener, or empty when mail is off (no {@code --mail-to})
     * @throws ParameterException naming the offending option, never a password
     */
    Optional<MailingListener> open(Path experimentFolder, Map<String, String> environment) {
        List<String> recipients = to;
        if (recipients == null) {
            for (String option : List.of("--mail-from", "--smtp", "--smtp-user", "--smtp-password-env", "--mail-every",
                    "--smtp-security")) {
                if (given(option)) {
                    throw usageError(option + " needs --mail-to ADDR: mail is off without recipients");
                }
            }
            return Optional.empty();
        }
        String sender = from;
        String host = server;
        if (sender == null || host == null) {
            throw usageError("--mail-to needs " + (sender == null ? "--mail-from ADDR" : "--smtp HOST[:PORT]")
                    + ": the mail has a sender and goes through a server");
        }
        SmtpSecurity mode = security(security == null ? "starttls" : security);
        Server address;
        try {
            address = server(host);
        } catch (IllegalArgumentException e) {
            throw usageError("--smtp " + e.getMessage());
        }
        if (mode == SmtpSecurity.NONE && !SmtpNotifier.isLoopback(address.host())) {
            throw usageError("--smtp-security none sends mail in clear: it is allowed only to a loopback server"
                    + " (localhost, 127.0.0.1, ::1), and " + address.host() + " is not one; use starttls or tls");
        }
        SmtpNotifier.Builder builder = SmtpNotifier.builder(address.host()).security(mode);
        address.port().ifPresent(builder::port);
        try {
            builder.from(sender);
        } catch (IllegalArgumentException e) {
            throw usageError("--mail-from: " + e.getMessage());
        }
        for (String recipient : recipients) {
            try {
                builder.to(recipient);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw usageError("--mail-to: " + e.getMessage());
            }
        }
        credentials(builder, environment);
        Duration period = MailingListener.DEFAULT_PERIOD;
        if (every != null) {
            try {
                period = Durations.parse(every);
            } catch (IllegalArgumentException e) {
                throw usageError("Invalid value for option '--mail-every': " + e.getMessage());
            }
        }
        try {
            return Optional.of(MailingListener.builder(builder.build(), experimentFolder).period(period).build());
        } catch (IllegalArgumentException e) {
            throw usageError("--mail-every " + e.getMessage());
        } catch (IllegalStateException e) {
            throw usageError("--smtp-security: " + e.getMessage());
        }
    }

    private void credentials(SmtpNotifier.Builder builder, Map<String, String> environment) {
        String account = user;
        String variable = passwordVariable;
        if (account == null && variable == null) {
            return;
        }
        if (account == null || variable == null) {
            throw usageError(account == null ? "--smtp-password-env needs --smtp-user USER"
                    : "--smtp-user needs --smtp-password-env VAR: a password is never given on the command line");
        }
        String password = environment.get(variable);
        if (password == null || password.isEmpty()) {
            throw usageError("--smtp-password-env " + variable + ": the environment variable "
                    + (password == null ? "is not set" : "is empty") + ": set it to the password of " + account);
        }
        try {
            // read again before each mail, so that a changed password is used without a restart
            builder.credentials(account, () -> environment.getOrDefault(variable, "").toCharArray());
        } catch (IllegalArgumentException e) {
            throw usageError("--smtp-user: " + e.getMessage());
        }
    }

    private boolean given(String option) {
        return switch (option) {
            case "--mail-from" -> from != null;
            case "--smtp" -> server != null;
            case "--smtp-user" -> user != null;
            case "--smtp-password-env" -> passwordVariable != null;
            case "--mail-every" -> every != null;
            default -> security != null;
        };
    }

    private SmtpSecurity security(String value) {
        return switch (value) {
            case "starttls" -> SmtpSecurity.STARTTLS;
            case "tls" -> SmtpSecurity.SMTPS;
            case "none" -> SmtpSecurity.NONE;
            default -> throw usageError("--smtp-security must be starttls, tls or none, got '" + value + "'");
        };
    }

    /**
     * A mail server as {@code --smtp} and {@code mail.smtp} take it.
     *
     * @param host the host name or address
     * @param port the port, if given
     */
    record Server(String host, Optional<Integer> port) {}

    /**
     * Reads {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}.
     *
     * @param value the text
     * @return the server
     * @throws IllegalArgumentException saying what is allowed
     */
    static Server server(String value) {
        String host = value;
        Optional<Integer> port = Optional.empty();
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        if (colon > 0 && (bracketed || value.indexOf(':') == colon)) {
            String digits = value.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
                throw new IllegalArgumentException("'" + value + "' must be HOST or HOST:PORT with a PORT from 1 to"
                        + " 65535");
            }
            port = Optional.of(Integer.parseInt(digits));
            host = value.substring(0, colon);
        }
        if (bracketed) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("'" + value + "' must be HOST, HOST:PORT or [IPv6]:PORT");
            }
            host = host.substring(1, host.length() - 1);
        }
        // the builder checks the host's characters and length
        SmtpNotifier.builder(host);
        return new Server(host, port);
    }

    /**
     * Checks one mail address as {@link SmtpNotifier} will.
     *
     * @param role "to" or "from", for the message
     * @param address the address
     * @throws IllegalArgumentException naming the address and why
     */
    static void address(String role, String address) {
        SmtpNotifier.Builder probe = SmtpNotifier.builder("localhost");
        if (role.equals("from")) {
            probe.from(address);
        } else {
            probe.to(address);
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}
