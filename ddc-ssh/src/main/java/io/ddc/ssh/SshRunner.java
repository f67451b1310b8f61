package io.ddc.ssh;

import io.ddc.Probe;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs probes on Linux and Unix machines, and on Windows machines with OpenSSH, over SSH (Apache MINA
 * SSHD; no {@code ssh} processes are started).
 *
 * <pre>{@code
 * try (SshRunner ssh = SshRunner.builder()
 *         .user("ddc")
 *         .identity(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"))
 *         .build()) {
 *     ExperimentRun run = Experiment.builder("lab").runner(ssh) ... .build().start();
 *     run.awaitCompletion();
 * }
 * }</pre>
 *
 * <h2>Sessions</h2>
 *
 * One MINA client per runner, started on the first execution. A session per (target, user) is opened
 * on first use and kept across probes and iterations; heartbeats ({@link Builder#heartbeat}) notice a
 * dead peer, a session without executions for {@link Builder#idleTimeout} is closed, and a lost
 * session is replaced when next needed (once more if a channel cannot be opened because the session
 * was just lost). At most {@link Builder#maxChannelsPerSession} executions run at once on one session,
 * leaving room under OpenSSH's {@code MaxSessions} (10) for the channel that kills a program. The
 * runner holds threads and connections until {@link #close()}: whoever builds it closes it, once the
 * experiments that use it have ended.
 *
 * <h2>Authentication and host keys</h2>
 *
 * Private key files (RSA, ECDSA, Ed25519, in OpenSSH or PEM format) are loaded by {@link Builder#build()},
 * which fails naming a file that cannot be used; a password comes from a {@link PasswordProvider}.
 * Without either, the default key files {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} and {@code id_rsa}
 * that exist and need no passphrase are used. Host keys are checked against a known_hosts file
 * ({@code ~/.ssh/known_hosts} by default), strictly: an unknown or a changed key makes the execution
 * FAILED with that reason, and the file is not written. {@link Builder#acceptNewHostKeys} records
 * unknown keys in the file, never a changed one. The host-key algorithms of the keys the file holds
 * for a host are proposed first. The runner parses the file once, and again only when it changed on
 * disk; concurrent sessions check and append one at a time, so no line is lost or written twice.
 * {@code ~/.ssh/config} is not read.
 *
 * <h2>The command</h2>
 *
 * For {@link RemoteShell#POSIX} targets (the default) each element of the probe's command is quoted
 * in single quotes, so every character but NUL reaches the program unchanged, and the program runs
 * under {@code timeout} (a watchdog on the target that ends it should the session be lost) and
 * {@code nice -n 10} (as the paper's coordinator ran its probes at low priority), in its own process
 * group: {@code printf 'ddc-run group=%s\n' "$$" >&2; exec timeout -k 5 T+10 nice -n 10 'COMMAND'
 * 'ARG'...}, with no shell but the login shell, whose first line of standard error (the process group
 * to kill) the runner takes out. For {@link RemoteShell#POWERSHELL}
 * targets the command runs in Windows PowerShell through {@code -EncodedCommand}. Standard input is
 * closed at once. Output reaches the request's sinks from the thread that called {@link #run}, never
 * from MINA's I/O threads, and SSH's flow control slows the program down while a sink is slow.
 *
 * <h2>Results</h2>
 *
 * <ul>
 *   <li>the program's exit status: {@link RunResult#exited};</li>
 *   <li>killed by a signal on the target: FAILED ({@link io.ddc.Failure.Kind#RUNNER_FAILURE}),
 *       {@code killed by signal KILL};</li>
 *   <li>past the probe's timeout: the program's process group is killed on a second channel, and
 *       {@link io.ddc.Failure.Kind#TIMED_OUT} says whether the kill was confirmed;</li>
 *   <li>name not resolved, connection refused, no connection in time, authentication failed, host
 *       key unknown, host key changed, channel refused, session lost: FAILED
 *       ({@link io.ddc.Failure.Kind#RUNNER_FAILURE}) with that reason.</li>
 * </ul>
 *
 * If the calling thread is interrupted (the engine's stop, once its grace has ended), the program is
 * killed the same way before {@link InterruptedException} is thrown. An interrupt or a time-out that
 * comes before the program's process group was reported waits for that report, up to the kill
 * timeout, so that the kill still reaches it. Passwords and passphrases appear
 * in no log line, exception message or {@code toString()}.
 *
 * <p>Defaults: the coordinator's user name, port 22, the default keys as above, {@code ~/.ssh/known_hosts}
 * strict, connect and authentication timeouts of 10 s each, a heartbeat every 30 s, idle sessions
 * closed after 5 min, 8 executions at once per session, {@link RemoteShell#POSIX}, niceness 10, the
 * remote watchdog on, 10 s for a kill. The default availability check is a TCP connection to the SSH
 * port.
 *
 * <p>Thread-safe; one runner serves any number of concurrent executions.
 */
public final class SshRunner implements RemoteRunner, AutoCloseable {
    /** The name under which {@link RemoteRunner#load} finds this runner. */
    public static final String NAME = "ssh";
    /** The port used when none is set. */
    public static final int DEFAULT_PORT = 22;
    /** How long a TCP connection and the SSH handshake may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long authentication may take by default. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
    /** How often an idle session is asked whether its peer is still there, by default. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** How long a session without executions is kept by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Executions at once on one session by default: below OpenSSH's MaxSessions (10), with room for a kill. */
    public static final int DEFAULT_MAX_CHANNELS = 8;
    /** The niceness of remote programs by default, as {@code nice -n 10}. */
    public static final int DEFAULT_NICENESS = 10;
    /** How long a kill on the target may take by default. */
    public static final Duration DEFAULT_KILL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SshRunner.class);
    private static final int HEARTBEAT_MISSES = 3;
    private static final int MAX_COMMAND_BYTES = 128 * 1024;
    private static final Duration AVAILABILITY_TIMEOUT = Duration.ofMillis(500);
    private static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Settings settings;
    private final AvailabilityCheck availability;
    private @Nullable SshClient client;
    private @Nullable SessionPool pool;
    private boolean closed;

    /**
     * The runner's settings, as the builder checked them; read by the package's other classes.
     */
    record Settings(String user, int port, List<KeyPair> keys, List<Path> keyFiles, @Nullable PasswordProvider passwords,
            Path knownHosts, boolean acceptNewHostKeys, Duration connectTimeout, Duration authTimeout,
            Duration heartbeat, Duration idleTimeout, int maxChannels, RemoteShell shell, int niceness,
            boolean watchdog, Duration killTimeout) {}

    /**
     * Creates a runner with every default, as {@link java.util.ServiceLoader} and
     * {@link RemoteRunner#load} need: the coordinator's user, the default key files that need no
     * passphrase, {@code ~/.ssh/known_hosts} strict. Nothing is started until the first execution.
     * Use the builder for anything else.
     */
    public SshRunner() {
        this(new Builder().settings(true));
    }

    private SshRunner(Settings settings) {
        this.settings = settings;
        this.availability = AvailabilityCheck.tcp(settings.port(), AVAILABILITY_TIMEOUT);
    }

    /**
     * Starts a configuration; the defaults are listed in the class description.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return how the targets read commands */
    public RemoteShell shell() {
        return settings.shell();
    }

    /**
     * Follows the {@linkplain Builder#shell shell} the runner was set up for.
     *
     * @return {@link TargetFamily#WINDOWS} for {@link RemoteShell#POWERSHELL} targets,
     *     {@link TargetFamily#POSIX} for {@link RemoteShell#POSIX} ones (the default)
     */
    @Override
    public TargetFamily targetFamily() {
        return switch (settings.shell()) {
            case POSIX -> TargetFamily.POSIX;
            case POWERSHELL -> TargetFamily.WINDOWS;
        };
    }

    /**
     * Checks ahead of any run that a probe's command can be sent, so that a bad probe is reported when
     * the experiment is configured. {@link #run} makes the same checks.
     *
     * @param probe the probe
     * @throws IllegalArgumentException naming the probe and the element, if an element holds a lone
     *     surrogate (no UTF-8 form), or if the command is too long for an exec request
     */
    public void validate(Probe probe) {
        Objects.requireNonNull(probe, "probe");
        List<String> command = probe.command();
        for (int i = 0; i < command.size(); i++) {
            String value = command.get(i);
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': " + element(i)
                        + " contains NUL, which no remote command line can carry");
            }
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': " + element(i)
                        + " holds a lone surrogate, which has no UTF-8 form");
            }
        }
        commandLine(probe);
    }

    private static String element(int index) {
        return index == 0 ? "the executable (argument 0)" : "argument " + index;
    }

    /** The exec request for a probe; checks its length. */
    String commandLine(Probe probe) {
        String line;
        if (settings.shell() == RemoteShell.POSIX) {
            line = PosixCommand.wrap(probe.command(), probe.timeout(), settings.niceness(), settings.watchdog());
        } else {
            String script = PowerShellCommand.script(probe.command(), settings.niceness() > 0);
            if (script.length() > PowerShellCommand.MAX_SCRIPT_LENGTH) {
                throw new IllegalArgumentException("probe '" + probe.name() + "': the command is too long for a"
                        + " Windows command line (" + script.length() + " characters of script, at most "
                        + PowerShellCommand.MAX_SCRIPT_LENGTH + ")");
            }
            line = PowerShellCommand.wrap(script);
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_COMMAND_BYTES) {
            throw new IllegalArgumentException("probe '" + probe.name() + "': the command is too long for an SSH"
                    + " exec request (" + bytes + " bytes, at most " + MAX_COMMAND_BYTES + ")");
        }
        return line;
    }

    /**
     * Runs the probe's command on the target over the session kept for it, streaming the output to
     * the request's sinks.
     *
     * @param request what to run and where
     * @return how it ended (see the class description)
     * @throws IllegalArgumentException if the probe's command cannot be sent (see {@link #validate})
     * @throws InterruptedException if the calling thread is interrupted; the remote program's process
     *     group is killed first
     */
    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        validate(request.probe());
        String command = commandLine(request.probe());
        SessionPool sessions;
        try {
            sessions = sessions();
        } catch (RuntimeException e) {
            return RunResult.runnerFailure("the SSH client could not be started: " + Failures.message(e));
        }
        if (sessions == null) {
            return RunResult.runnerFailure("the SSH runner is closed");
        }
        Duration waitLimit = settings.connectTimeout().plus(settings.authTimeout()).plus(request.timeout());
        SessionPool.Lease lease;
        try {
            lease = sessions.open(request.target(), settings.user(), command, waitLimit);
        } catch (SshFailure e) {
            LOG.debug("probe {} on {}: {}", request.probe().name(), request.target(), e.getMessage());
            return RunResult.runnerFailure(e.getMessage());
        }
        try (lease) {
            return new RemoteExecution(sessions, lease, request, settings).run();
        }
    }

    /** The sessions, with the client started on first use; null once closed. */
    private synchronized @Nullable SessionPool sessions() {
        if (closed) {
            return null;
        }
        SessionPool current = pool;
        if (current != null) {
            return current;
        }
        // one parsed known_hosts for the runner: the preference and the checks of all sessions share it
        KnownHosts knownHosts = new KnownHosts(settings.knownHosts(), settings.acceptNewHostKeys());
        HostKeyCheck hostKeys = new HostKeyCheck(knownHosts);
        SshClient started = startClient(knownHosts, hostKeys);
        client = started;
        SessionPool created = new SessionPool(started, settings, hostKeys);
        pool = created;
        return created;
    }

    private SshClient startClient(KnownHosts knownHosts, HostKeyCheck hostKeys) {
        SshClient created = SshClient.setUpDefaultClient();
        // only what the builder says: no ~/.ssh/config, no keys MINA would find on its own
        created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        created.setKeyIdentityProvider(settings.keys().isEmpty() ? KeyIdentityProvider.EMPTY_KEYS_PROVIDER
                : KeyIdentityProvider.wrapKeyPairs(settings.keys()));
        created.setServerKeyVerifier(hostKeys);
        created.addSessionListener(new HostKeyPreference(knownHosts));
        created.setScheduledExecutorService(ThreadUtils.newSingleThreadScheduledExecutor("ddc-ssh-timer"), true);
        int workers = Runtime.getRuntime().availableProcessors() + 1;
        // MINA asks for two pools (the channel group's and its own); numbered, so that no two threads share a name
        AtomicInteger pools = new AtomicInteger();
        created.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory(
                () -> ThreadUtils.newFixedThreadPool("ddc-ssh-io" + pools.incrementAndGet(), workers)));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(created, settings.heartbeat());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(created, HEARTBEAT_MISSES);
        created.start();
        return created;
    }

    /**
     * The check used when the experiment sets none: a TCP connection to the SSH port accepted within
     * 500 ms.
     *
     * @return the check
     */
    @Override
    public AvailabilityCheck defaultAvailabilityCheck() {
        return availability;
    }

    /** @return how many sessions are open now, for tests */
    synchronized int openSessions() {
        SessionPool current = pool;
        return current == null ? 0 : current.openSessions();
    }

    /**
     * Closes every session and stops the client and its threads. Executions still running fail with
     * a lost session; later ones fail with "the SSH runner is closed". Idempotent.
     */
    @Override
    public void close() {
        SessionPool closing;
        SshClient stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = pool;
            stopping = client;
            pool = null;
            client = null;
        }
        if (closing != null) {
            closing.close();
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /**
     * Describes the configuration, never a password or passphrase.
     *
     * @return e.g. {@code SshRunner[ddc@<target>:22, keys 1, known_hosts /home/ddc/.ssh/known_hosts strict, POSIX, nice 10]}
     */
    @Override
    public String toString() {
        return "SshRunner[" + settings.user() + "@<target>:" + settings.port() + ", keys " + settings.keys().size()
                + (settings.passwords() != null ? ", password" : "") + ", known_hosts " + settings.knownHosts()
                + (settings.acceptNewHostKeys() ? " accepting new keys" : " strict") + ", " + settings.shell()
                + (settings.niceness() > 0 ? ", nice " + settings.niceness() : "") + "]";
    }

    /** A result for a program killed by a signal, which SSH reports instead of an exit status. */
    static RunResult killedBySignal(String signal, String where) {
        return RunResult.runnerFailure("killed by signal " + signal + " on " + where);
    }

    /**
     * Configures an {@link SshRunner}; the defaults are listed in the runner's description. Each setter
     * checks its value; {@link #build()} checks the combination, loads the keys and copies the state.
     * Not thread-safe.
     */
    public static final class Builder {
        private String user = System.getProperty("user.name", "root");
        private int port = DEFAULT_PORT;
        private final List<Path> identities = new ArrayList<>();
        private @Nullable PassphraseProvider passphrases;
        private @Nullable PasswordProvider passwords;
        private Path knownHosts = home().resolve(".ssh").resolve("known_hosts");
        private boolean acceptNewHostKeys;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxChannels = DEFAULT_MAX_CHANNELS;
        private RemoteShell shell = RemoteShell.POSIX;
        private int niceness = DEFAULT_NICENESS;
        private boolean watchdog = true;
        private Duration killTimeout = DEFAULT_KILL_TIMEOUT;

        private Builder() {}

        /**
         * Sets the account the sessions log on with.
         *
         * @param name default: the coordinator's user name
         * @return this builder
         * @throws IllegalArgumentException if the name is empty, starts with {@code -}, or holds a
         *     control character, white space, {@code @} or {@code :}
         */
        public Builder user(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.charAt(0) == '-'
                    || name.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) || c == '@' || c == ':')) {
                throw new IllegalArgumentException("user name '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' is not acceptable: not empty, no leading '-', no control character, white space, '@' or ':'");
            }
            this.user = name;
            return this;
        }

        /**
         * Sets the SSH port of the targets.
         *
         * @param number 1 to 65535; default 22
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int number) {
            if (number < 1 || number > 65_535) {
                throw new IllegalArgumentException("SSH port must be 1 to 65535, got " + number);
            }
            this.port = number;
            return this;
        }

        /**
         * Adds a private key file (OpenSSH or PEM; RSA, ECDSA or Ed25519), offered to servers in the
         * order added. {@link #build()} loads it and fails if it cannot be used.
         *
         * @param keyFile the private key file
         * @return this builder
         */
        public Builder identity(Path keyFile) {
            identities.add(Objects.requireNonNull(keyFile, "keyFile"));
            return this;
        }

        /**
         * Sets where the passphrases of encrypted key files come from.
         *
         * @param provider asked once per encrypted file, by {@link #build()}
         * @return this builder
         */
        public Builder passphrase(PassphraseProvider provider) {
            this.passphrases = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Authenticates with a password as well (tried after the keys), asked each time a session is
         * opened.
         *
         * @param provider where the password comes from
         * @return this builder
         */
        public Builder password(PasswordProvider provider) {
            this.passwords = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sets the known_hosts file that host keys are checked against. A missing file holds no key:
         * every host is then unknown.
         *
         * @param file default {@code ~/.ssh/known_hosts}
         * @return this builder
         */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Accepts the key of a host that known_hosts does not know, and appends it to the file. A key
         * that differs from a known one is refused either way.
         *
         * @param accept default false (strict)
         * @return this builder
         */
        public Builder acceptNewHostKeys(boolean accept) {
            this.acceptNewHostKeys = accept;
            return this;
        }

        /**
         * Sets how long the TCP connection and the SSH handshake of a new session may take.
         *
         * @param timeout positive; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connect timeout", timeout);
            return this;
        }

        /**
         * Sets how long authentication of a new session may take.
         *
         * @param timeout positive; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = positive("authentication timeout", timeout);
            return this;
        }

        /**
         * Sets how often a session asks its peer whether it is still there; after three unanswered
         * heartbeats the session counts as lost.
         *
         * @param interval positive; default 30 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder heartbeat(Duration interval) {
            this.heartbeat = positive("heartbeat interval", interval);
            return this;
        }

        /**
         * Sets how long a session without executions is kept; {@link #build()} checks that it is
         * longer than the heartbeat interval.
         *
         * @param timeout positive; default 5 min
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idle timeout", timeout);
            return this;
        }

        /**
         * Sets how many executions run at once on one session. Up to two more channels are opened
         * beside them to kill programs, so keep it at most the server's {@code MaxSessions} minus 2
         * (OpenSSH's default is 10, hence 8).
         *
         * @param channels 1 to 64; default 8
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxChannelsPerSession(int channels) {
            if (channels < 1 || channels > 64) {
                throw new IllegalArgumentException("channels per session must be 1 to 64, got " + channels);
            }
            this.maxChannels = channels;
            return this;
        }

        /**
         * Sets how the targets read commands, and so what {@link SshRunner#targetFamily()} says.
         *
         * @param targets default {@link RemoteShell#POSIX}
         * @return this builder
         */
        public Builder shell(RemoteShell targets) {
            this.shell = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /**
         * Sets the priority of remote programs: {@code nice -n N} on POSIX targets, below-normal
         * priority on Windows for any N above 0.
         *
         * @param n 0 (normal priority, no nice) to 19; default 10
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder niceness(int n) {
            if (n < 0 || n > 19) {
                throw new IllegalArgumentException("niceness must be 0 (none) to 19, got " + n);
            }
            this.niceness = n;
            return this;
        }

        /**
         * Sets whether POSIX programs run under {@code timeout}, which ends them on the target a few
         * seconds after the probe's timeout should the runner lose the session. Turn it off only for
         * targets without GNU or BSD {@code timeout}; the program then relies on OpenSSH making it a
         * process group leader to be killed with its children.
         *
         * @param on default true
         * @return this builder
         */
        public Builder remoteWatchdog(boolean on) {
            this.watchdog = on;
            return this;
        }

        /**
         * Sets how long the kill of a program on the target may take before the runner gives up and
         * reports the kill as not confirmed.
         *
         * @param timeout positive; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder killTimeout(Duration timeout) {
            this.killTimeout = positive("kill timeout", timeout);
            return this;
        }

        /**
         * Loads the keys and builds the runner; nothing is started until the first execution.
         *
         * @return the runner
         * @throws IllegalArgumentException naming a key file that cannot be used, and why
         * @throws IllegalStateException if the idle timeout is not longer than the heartbeat interval
         */
        public SshRunner build() {
            return new SshRunner(settings(false));
        }

        Settings settings(boolean quietDefaults) {
            if (idleTimeout.compareTo(heartbeat) <= 0) {
                throw new IllegalStateException("idle timeout (" + idleTimeout + ") must be longer than the heartbeat"
                        + " interval (" + heartbeat + "), or heartbeats would keep no session");
            }
            List<KeyPair> keys;
            List<Path> files;
            if (!identities.isEmpty()) {
                files = List.copyOf(identities);
                keys = KeyFiles.load(files, passphrases);
            } else if (passwords == null) {
                files = new ArrayList<>();
                List<KeyPair> found = new ArrayList<>();
                for (String name : DEFAULT_KEY_FILES) {
                    Path file = home().resolve(".ssh").resolve(name);
                    if (Files.isRegularFile(file)) {
                        try {
                            found.addAll(KeyFiles.load(List.of(file), passphrases));
                            files.add(file);
                        } catch (IllegalArgumentException e) {
                            if (!quietDefaults) {
                                LOG.warn("default key {} skipped: {}", file, e.getMessage());
                            }
                        }
                    }
                }
                keys = List.copyOf(found);
                files = List.copyOf(files);
            } else {
                keys = List.of();
                files = List.of();
            }
            return new Settings(user, port, keys, files, passwords, knownHosts, acceptNewHostKeys, connectTimeout,
                    authTimeout, heartbeat, idleTimeout, maxChannels, shell, niceness, watchdog, killTimeout);
        }

        private static Duration positive(String what, Duration value) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
            return value;
        }

        private static Path home() {
            return Path.of(System.getProperty("user.home", "."));
        }
    }
}
