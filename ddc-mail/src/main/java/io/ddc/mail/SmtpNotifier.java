package io.ddc.mail;

import io.ddc.DdcException;
import io.ddc.Notification;
import io.ddc.Notification.Attachment;
import io.ddc.spi.Notifier;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Notifier} that sends each notification as one mail through an SMTP server, with Jakarta
 * Mail (Angus Mail): the text as a UTF-8 {@code text/plain} part, each attachment as a
 * base64-encoded part of its own content type (so that it arrives byte for byte, whatever its
 * type), marked {@code Auto-Submitted: auto-generated} so that no vacation responder
 * answers it.
 *
 * <pre>{@code
 * SmtpNotifier mail = SmtpNotifier.builder("smtp.lab.example.org")
 *     .from("ddc@lab.example.org")
 *     .to("ops@lab.example.org")
 *     .credentials("ddc", () -> System.getenv("DDC_SMTP_PASSWORD").toCharArray())
 *     .build();
 * mail.send(Notification.of("test", "DDC can send mail"));
 * }</pre>
 *
 * <p>{@link #send} is synchronous: one connection per mail, closed before it returns, each connect,
 * read and write bounded by the builder's timeouts, so a call never hangs on a dead server. It
 * throws {@link DdcException} when the server is unreachable, refuses the sender, a recipient or
 * the credentials, or times out. Do not call it where an experiment must not wait:
 * {@link MailingListener} calls it on a thread of its own and logs failures.
 *
 * <p>The password is asked from its supplier before each mail, used for that connection and
 * cleared; it appears in no log line, exception message or {@code toString()} (the debug output of
 * Jakarta Mail, which would show it, stays off). With {@link SmtpSecurity#STARTTLS} (the default)
 * and {@link SmtpSecurity#SMTPS} the server's certificate is checked against the JVM's trust store
 * and its name against the host.
 *
 * <p>Immutable and thread-safe; it holds no connection or thread between calls, so {@link #close()}
 * has nothing to do.
 */
public final class SmtpNotifier implements Notifier {
    /** Default connect and read timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default text put in front of every subject. */
    public static final String DEFAULT_SUBJECT_PREFIX = "[DDC] ";
    /** Longest accepted timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(SmtpNotifier.class);
    private static final int MAX_SUBJECT_PREFIX_LENGTH = 100;

    private final String host;
    private final int port;
    private final SmtpSecurity security;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final @Nullable String user;
    private final @Nullable Supplier<char[]> password;
    private final String subjectPrefix;
    private final Session session;

    private SmtpNotifier(Builder builder, InternetAddress from, List<InternetAddress> to) {
        this.host = builder.host;
        this.security = builder.security;
        Integer chosenPort = builder.port;
        this.port = chosenPort != null ? chosenPort : security.defaultPort();
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.from = from;
        this.to = List.copyOf(to);
        this.user = builder.user;
        this.password = builder.password;
        this.subjectPrefix = builder.subjectPrefix;
        this.session = Session.getInstance(sessionProperties());
    }

    /**
     * Starts the definition of a notifier that sends through {@code host}.
     *
     * @param host the mail server: a host name, an IPv4 or an IPv6 literal (without brackets)
     * @return a builder
     * @throws IllegalArgumentException if the host is empty, longer than 253 characters or has a
     *     character no host name or address has
     */
    public static Builder builder(String host) {
        return new Builder(checkHost(Objects.requireNonNull(host, "host")));
    }

    private String protocol() {
        return security == SmtpSecurity.SMTPS ? "smtps" : "smtp";
    }

    private Properties sessionProperties() {
        String prefix = "mail." + protocol() + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", host);
        properties.setProperty(prefix + "port", Integer.toString(port));
        properties.setProperty(prefix + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(readTimeout.toMillis()));
        // without it a write to a server that stopped reading (a big attachment) would block for ever
        properties.setProperty(prefix + "writetimeout", Long.toString(readTimeout.toMillis()));
        properties.setProperty(prefix + "auth", Boolean.toString(user != null));
        if (security == SmtpSecurity.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (security != SmtpSecurity.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    /**
     * Sends one mail to every recipient, with the subject prefix in front of the notification's
     * subject.
     *
     * @param notification what to send
     * @throws DdcException if the mail could not be handed to the server; the message names the
     *     subject, the server and the reason (never the password), the cause is kept
     */
    @Override
    public void send(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        String subject = subjectPrefix + notification.subject();
        char[] secret = null;
        try {
            MimeMessage message = compose(notification, subject);
            Transport transport = session.getTransport(protocol());
            try {
                if (user != null) {
                    secret = password(user);
                    transport.connect(host, port, user, new String(secret));
                } else {
                    transport.connect(host, port, null, null);
                }
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                closeQuietly(transport);
            }
        } catch (MessagingException e) {
            throw new DdcException("cannot send mail '" + subject + "' through " + server() + ": "
                    + Failures.describe(e), e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        LOG.debug("sent mail '{}' with {} attachments through {} to {}", subject, notification.attachments().size(),
                server(), to);
    }

    private char[] password(String account) {
        Supplier<char[]> supplier = Objects.requireNonNull(password, "password");
        char[] secret;
        try {
            secret = supplier.get();
        } catch (RuntimeException e) {
            throw new DdcException("cannot get the password of SMTP user '" + account + "': "
                    + Failures.describe(e), e);
        }
        if (secret == null) {
            throw new DdcException("the password supplier of SMTP user '" + account + "' returned null");
        }
        return secret;
    }

    private MimeMessage compose(Notification notification, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        if (notification.attachments().isEmpty()) {
            message.setText(notification.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart parts = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(notification.text(), StandardCharsets.UTF_8.name());
            parts.addBodyPart(text);
            for (Attachment attachment : notification.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(
                        new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                part.setDisposition(Part.ATTACHMENT);
                // text types would otherwise travel as text, with their line breaks turned into CRLF
                part.setHeader("Content-Transfer-Encoding", "base64");
                parts.addBodyPart(part);
            }
            message.setContent(parts);
        }
        message.saveChanges();
        return message;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the mail was handed over or the failure is already being reported; a failed QUIT adds nothing
            LOG.debug("closing the SMTP connection failed: {}", Failures.describe(e));
        }
    }

    private String server() {
        return host + ":" + port + " (" + security + ")";
    }

    /**
     * Describes the settings, never the password.
     *
     * @return for example {@code SmtpNotifier[smtp.lab:587 (STARTTLS), from ddc@lab, to [ops@lab],
     *     user ddc, connect timeout PT10S, read timeout PT10S, subject prefix '[DDC] ']}
     */
    @Override
    public String toString() {
        return "SmtpNotifier[" + server() + ", from " + from + ", to " + to
                + (user != null ? ", user " + user : ", no credentials")
                + ", connect timeout " + connectTimeout + ", read timeout " + readTimeout
                + ", subject prefix '" + subjectPrefix + "']";
    }

    private static String checkHost(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("SMTP host is empty");
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("SMTP host is " + host.length() + " characters long: at most 253 are allowed");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == ':';
            if (!ok) {
                throw new IllegalArgumentException("SMTP host '" + host.replaceAll("\\p{Cntrl}", "?") + "' contains "
                        + (Character.isISOControl(c) ? "a control character" : "'" + c + "'")
                        + ": give a host name, an IPv4 address or an IPv6 address without brackets");
            }
        }
        return host;
    }

    /**
     * Tells whether a host is this machine's loopback, where a mail in clear never crosses a
     * network: {@code localhost} and loopback literals ({@code 127.0.0.0/8}, {@code ::1}). Never
     * asks DNS.
     *
     * @param host a host name or address, as {@link #builder} takes it
     * @return true for {@code localhost} and loopback literals
     */
    public static boolean isLoopback(String host) {
        Objects.requireNonNull(host, "host");
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InternetAddress address(String role, String address) {
        Objects.requireNonNull(address, role);
        for (int i = 0; i < address.length(); i++) {
            if (Character.isISOControl(address.charAt(i))) {
                throw new IllegalArgumentException(role + " address '" + address.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException(role + " address '" + address + "' is not valid: " + e.getMessage(), e);
        }
        if (parsed.isGroup() || parsed.getAddress().indexOf('@') <= 0) {
            throw new IllegalArgumentException(role + " address '" + address + "' is not valid: expected one address "
                    + "such as ddc@example.org");
        }
        return parsed;
    }

    private static Duration checkTimeout(String what, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be positive and at most " + MAX_TIMEOUT + ", got " + timeout);
        }
        if (timeout.toMillis() == 0) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + timeout);
        }
        return timeout;
    }

    /**
     * Builds an {@link SmtpNotifier}. Required: {@link #from} and at least one {@link #to}.
     * Defaults: {@link SmtpSecurity#STARTTLS}, the security's port (587), connect and read timeouts
     * {@link SmtpNotifier#DEFAULT_TIMEOUT}, no credentials, subject prefix
     * {@link SmtpNotifier#DEFAULT_SUBJECT_PREFIX}. Not
     * thread-safe; {@link #build()} copies its state.
     */
    public static final class Builder {
        private final String host;
        private @Nullable Integer port;
        private SmtpSecurity security = SmtpSecurity.STARTTLS;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private @Nullable String from;
        private final List<String> to = new ArrayList<>();
        private @Nullable String user;
        private @Nullable Supplier<char[]> password;
        private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;

        private Builder(String host) {
            this.host = host;
        }

        /**
         * Sets the port; by default the security's ({@link SmtpSecurity#defaultPort()}).
         *
         * @param number 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int number) {
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("SMTP port must be 1 to 65535, got " + number);
            }
            this.port = number;
            return this;
        }

        /**
         * Sets how the connection is protected.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder security(SmtpSecurity mode) {
            this.security = Objects.requireNonNull(mode, "security");
            return this;
        }

        /**
         * Sets how long connecting (TCP, and the TLS handshake of SMTPS) may take.
         *
         * @param timeout positive, at most {@link SmtpNotifier#MAX_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout("SMTP connect timeout", timeout);
            return this;
        }

        /**
         * Sets how long the server may take to answer one command, and how long one write to it may
         * block.
         *
         * @param timeout positive, at most {@link SmtpNotifier#MAX_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkTimeout("SMTP read timeout", timeout);
            return this;
        }

        /**
         * Sets the sender.
         *
         * @param address one address, such as {@code ddc@lab.example.org} or
         *     {@code DDC <ddc@lab.example.org>}
         * @return this builder
         * @throws IllegalArgumentException if it is not one valid address (RFC 822)
         */
        public Builder from(String address) {
            address("from", address);
            this.from = address;
            return this;
        }

        /**
         * Adds recipients.
         *
         * @param address one address
         * @param more further addresses
         * @return this builder
         * @throws IllegalArgumentException if one is not a valid address
         * @throws IllegalStateException if one was already added
         */
        public Builder to(String address, String... more) {
            List<String> all = new ArrayList<>();
            all.add(Objects.requireNonNull(address, "address"));
            all.addAll(Arrays.asList(Objects.requireNonNull(more, "more")));
            for (String each : all) {
                InternetAddress parsed = address("to", each);
                for (String existing : to) {
                    if (address("to", existing).getAddress().equalsIgnoreCase(parsed.getAddress())) {
                        throw new IllegalStateException("recipient " + parsed.getAddress() + " is given twice");
                    }
                }
                to.add(each);
            }
            return this;
        }

        /**
         * Logs on to the server (SMTP AUTH) as {@code user}, with the password the supplier gives
         * before each mail, so that it can change while an experiment runs and comes from an
         * environment variable, a vault or a prompt rather than from the code. The array it returns
         * is cleared after use. An exception it throws fails that mail with its class and message,
         * so the message must never quote the secret.
         *
         * @param account the user name, without control characters
         * @param password gives the password
         * @return this builder
         * @throws IllegalArgumentException if the user name is empty or has a control character
         */
        public Builder credentials(String account, Supplier<char[]> password) {
            Objects.requireNonNull(account, "user");
            Objects.requireNonNull(password, "password");
            if (account.isEmpty()) {
                throw new IllegalArgumentException("SMTP user name is empty");
            }
            if (account.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("SMTP user name '" + account.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
            this.user = account;
            this.password = password;
            return this;
        }

        /**
         * Sets the text put in front of every subject, such as {@code "[lab] "}; may be empty.
         *
         * @param prefix at most 100 characters, no control character
         * @return this builder
         * @throws IllegalArgumentException if too long or it has a control character
         */
        public Builder subjectPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.length() > MAX_SUBJECT_PREFIX_LENGTH) {
                throw new IllegalArgumentException("subject prefix is " + prefix.length()
                        + " characters long: at most " + MAX_SUBJECT_PREFIX_LENGTH + " are allowed");
            }
            if (prefix.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("subject prefix contains a control character: a subject is one line");
            }
            this.subjectPrefix = prefix;
            return this;
        }

        /**
         * Builds the notifier. Nothing is connected yet.
         *
         * @return the notifier
         * @throws IllegalStateException if no sender or no recipient is set, or credentials are set
         *     with {@link SmtpSecurity#NONE} for a host that is not a loopback address (the
         *     password would cross the network in clear)
         */
        public SmtpNotifier build() {
            String sender = from;
            if (sender == null) {
                throw new IllegalStateException("no sender: call from(address)");
            }
            if (to.isEmpty()) {
                throw new IllegalStateException("no recipient: call to(address)");
            }
            if (user != null && security == SmtpSecurity.NONE && !isLoopback(host)) {
                throw new IllegalStateException("SMTP security NONE would send the password of user '" + user
                        + "' in clear to " + host + ": use STARTTLS or SMTPS (only a loopback host may take a password "
                        + "without TLS)");
            }
            List<InternetAddress> recipients = new ArrayList<>();
            for (String each : to) {
                recipients.add(address("to", each));
            }
            return new SmtpNotifier(this, address("from", sender), recipients);
        }
    }
}
