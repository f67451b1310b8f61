package io.ddc.psexec;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.process.ProcessExecutor;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.spi.ExecutionRequest;
import io.ddc.spi.RemoteRunner;
import io.ddc.spi.RunResult;
import io.ddc.spi.TargetFamily;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs probes on Windows machines that have nothing installed, through Sysinternals PsExec (or
 * PAExec, or any launcher with the same syntax): one launcher process per execution, started
 * argument by argument without a shell, standard input closed so that PsExec can never wait for a
 * password or the EULA, and killed with everything it started when the probe's timeout expires.
 *
 * <pre>{@code
 * RemoteRunner psexec = PsExecRunner.builder()
 *     .launcher(Path.of("C:\\Tools\\PsExec.exe"))
 *     .credentials(CredentialsProvider.fromEnvironment("LAB\\ddc", "DDC_PASSWORD"))
 *     .connectTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <h2>The command line</h2>
 *
 * For a probe {@code command args...} on target {@code T} the launcher is started with exactly these
 * arguments, in this order (brackets mark what the options add):
 *
 * <pre>
 * LAUNCHER \\T -accepteula -nobanner [-u USER -p PASSWORD] [-n SECONDS] -r SERVICE [-PRIORITY] [-s] [-h] [-c [-f]] [-w DIR] COMMAND [ARGS...]
 * </pre>
 *
 * <ul>
 *   <li>{@code -accepteula} and {@code -nobanner} are always given: the first so that a fresh account
 *       never shows the licence dialog, the second to keep PsExec's banner out of the probe's output
 *       (PsExec versions older than 2.2 and PAExec may not know {@code -nobanner}).</li>
 *   <li>{@code -r SERVICE} is always given, so that two coordinators never share the remote
 *       service (see {@link Builder#serviceName}).</li>
 *   <li>The priority switch is left out for {@link Priority#NORMAL}; the default is {@code -low}.</li>
 *   <li>The target name, user, password and working directory are single arguments of the launcher
 *       itself. The target name was validated by {@link Target}, so it cannot become an option.</li>
 *   <li>{@code COMMAND} and {@code ARGS} are quoted for Windows first (below), one element each.</li>
 * </ul>
 *
 * <h2>Quoting</h2>
 *
 * A Windows program receives one command-line string, not an array: PsExec passes a command line
 * to its remote service, and the remote program's C runtime splits it into arguments again. Each
 * element of the probe's command is therefore quoted by the rules of that split
 * ({@code CommandLineToArgvW}: space or tab separate, {@code \"} is a quote, backslashes before a
 * quote are doubled), so that {@code a b}, {@code say "hi"} or {@code C:\Program Files\} arrive as
 * one argument each. Shell characters such as {@code & % ^ | < >} are left as they are, since no
 * shell is involved; a probe that runs {@code cmd /c} is subject to {@code cmd.exe}'s own rules.
 * Line breaks cannot be carried by a Windows command line at all: a command element containing a
 * carriage return or line feed is refused ({@link #validate}). On a Windows coordinator the JDK in
 * turn builds the launcher's own command line from this argument list, and leaves alone an argument
 * that is already enclosed in quotes. Sysinternals does not document how PsExec turns its own
 * command line into the remote one: the tests model it as the elements joined by spaces and split
 * again by the rules above (a PsExec double runs the result), which has not been checked against a
 * real PsExec on Windows (see the README's Status).
 *
 * <h2>The password</h2>
 *
 * The password appears in no log line, exception message or {@code toString()} of this runner; log
 * lines show the command line with {@code -p ****}. PsExec itself takes it on its command line, where
 * the coordinator's process listings can see it while PsExec runs: to avoid that, run the
 * coordinator under an account that has the rights on the targets and set no credentials.
 *
 * <h2>Results</h2>
 *
 * PsExec's own output never reaches the probe's stored output, and its own failures are told apart
 * from the remote program's exit code (the numbers overlap: a program may exit with 5, which is also
 * Windows' "access denied"):
 *
 * <ul>
 *   <li>standard error: PsExec's progress lines ({@code Connecting to H...} and the like, separated by
 *       carriage returns on a pipe), its failure message and its closing line
 *       ({@code CMD exited on H with error code N.}) are taken out; the remote program's own bytes
 *       pass unchanged. {@link PsExecErrorStream} gives the exact rules.</li>
 *   <li>standard output: a PsExec banner at the very start is taken out, for launchers that ignore
 *       {@code -nobanner} ({@link PsExecBannerFilter}).</li>
 *   <li>the result: with the closing line, {@link RunResult#exited} with the program's code N; with
 *       a failure message instead, FAILED with a reason that names it: host or network path not
 *       found, access denied, logon failure, the service could not be installed or started
 *       ({@link RunResult#runnerFailure}), or the program could not be started
 *       ({@link RunResult#couldNotStart}); a launcher that cannot be started is
 *       {@link RunResult#couldNotStart} too, and a timeout {@link RunResult#timedOut}. An exit without
 *       either is FAILED, since the code is then not the program's, unless
 *       {@link Builder#exitCodeWithoutClosingLine} says to trust it. {@link PsExecVerdict} gives the
 *       rules and where PsExec's codes stay ambiguous.</li>
 * </ul>
 *
 * <p>Defaults: launcher {@code PsExec.exe} looked up on the {@code PATH} by the operating system, the
 * coordinator's own account (no {@code -u}/{@code -p}), PsExec's own connect timeout (no {@code -n}),
 * {@link Priority#LOW}, a service name unique to this runner, no {@code -s}, {@code -h}, {@code -c},
 * {@code -f} or {@code -w}. The default availability check is a TCP connection to port 445.
 *
 * <p>Immutable and thread-safe; one runner serves any number of concurrent executions.
 */
public final class PsExecRunner implements RemoteRunner {
    /** The name under which {@link RemoteRunner#load} finds this runner. */
    public static final String NAME = "psexec";
    /** The launcher used when none is set: {@code PsExec.exe}, looked up on the {@code PATH}. */
    public static final Path DEFAULT_LAUNCHER = Path.of("PsExec.exe");
    /** The priority used when none is set, as the paper's coordinator ran its probes. */
    public static final Priority DEFAULT_PRIORITY = Priority.LOW;

    private static final Logger LOG = LoggerFactory.getLogger(PsExecRunner.class);
    /** SMB, which PsExec needs to reach the admin share; ICMP is often blocked by Windows' firewall. */
    private static final int SMB_PORT = 445;
    private static final AvailabilityCheck SMB_CHECK = AvailabilityCheck.tcp(SMB_PORT, Duration.ofMillis(500));
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,31}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MASK = "****";

    private final Path launcher;
    private final @Nullable CredentialsProvider credentials;
    private final long connectTimeoutSeconds;
    private final Priority priority;
    private final boolean systemAccount;
    private final boolean elevated;
    private final boolean copyProgram;
    private final boolean forceCopy;
    private final @Nullable String workingDirectory;
    private final String serviceName;
    private final boolean exitCodeWithoutClosingLine;
    private final ProcessExecutor executor;

    /**
     * Creates a runner with every default, as {@link java.util.ServiceLoader} and
     * {@link RemoteRunner#load} need: launcher {@code PsExec.exe} looked up on the {@code PATH}, the
     * coordinator's own account, and the other defaults of {@link #builder()}. Use the builder for
     * anything else.
     */
    public PsExecRunner() {
        this(new Builder(), uniqueServiceName());
    }

    private PsExecRunner(Builder builder, String serviceName) {
        this.launcher = builder.launcher;
        this.credentials = builder.credentials;
        this.connectTimeoutSeconds = builder.connectTimeoutSeconds;
        this.priority = builder.priority;
        this.systemAccount = builder.systemAccount;
        this.elevated = builder.elevated;
        this.copyProgram = builder.copyProgram;
        this.forceCopy = builder.forceCopy;
        this.workingDirectory = builder.workingDirectory;
        this.serviceName = serviceName;
        this.exitCodeWithoutClosingLine = builder.exitCodeWithoutClosingLine;
        this.executor = ProcessExecutor.builder().threadName("ddc-psexec").build();
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

    /** @return {@link TargetFamily#WINDOWS}: PsExec reaches Windows machines only */
    @Override
    public TargetFamily targetFamily() {
        return TargetFamily.WINDOWS;
    }

    /**
     * The name of the service PsExec creates on the targets ({@code -r}); an administrator can look
     * for it there if a coordinator crashed while PsExec was running.
     *
     * @return the service name
     */
    public String serviceName() {
        return serviceName;
    }

    /**
     * Checks ahead of any run that a probe's command can be passed through PsExec, so that a bad
     * probe is reported when the experiment is configured. {@link #run} makes the same checks.
     *
     * @param probe the probe
     * @throws IllegalArgumentException naming the probe and the index of the command element, if an
     *     element contains a carriage return or a line feed, or if the executable starts with
     *     {@code -} (PsExec would take it for one of its options)
     */
    public void validate(Probe probe) {
        Objects.requireNonNull(probe, "probe");
        List<String> command = probe.command();
        for (int i = 0; i < command.size(); i++) {
            String value = command.get(i);
            int lineFeed = value.indexOf('\n');
            int carriageReturn = value.indexOf('\r');
            if (lineFeed >= 0 || carriageReturn >= 0) {
                boolean lineFeedFirst = carriageReturn < 0 || (lineFeed >= 0 && lineFeed < carriageReturn);
                throw new IllegalArgumentException("probe '" + probe.name() + "': " + element(i) + " contains a "
                        + (lineFeedFirst ? "line feed" : "carriage return")
                        + ", which a Windows command line cannot carry to the remote program");
            }
        }
        if (probe.executable().startsWith("-")) {
            throw new IllegalArgumentException("probe '" + probe.name() + "': the executable '" + probe.executable()
                    + "' starts with '-' and PsExec would take it for one of its options");
        }
    }

    private static String element(int index) {
        return index == 0 ? "the executable (argument 0)" : "argument " + index;
    }

    /**
     * Runs the probe's command on the target through the launcher, streaming the remote program's
     * output to the request's sinks without PsExec's own lines.
     *
     * @param request what to run and where
     * @return the remote program's exit code as {@link RunResult#exited}, or PsExec's own failure
     *     (see the class description); {@link RunResult#timedOut} after the probe's
     *     timeout, the launcher and everything it started killed; {@link RunResult#couldNotStart} if
     *     the launcher cannot be started; {@link RunResult#runnerFailure} if the credentials provider
     *     throws
     * @throws IllegalArgumentException if the probe's command cannot be passed (see {@link #validate})
     * @throws InterruptedException if the calling thread is interrupted; the launcher's process tree
     *     is killed first
     */
    @Override
    public RunResult run(ExecutionRequest request) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        validate(request.probe());
        Target target = request.target();
        @Nullable Credentials logon = null;
        CredentialsProvider provider = credentials;
        if (provider != null) {
            try {
                logon = Objects.requireNonNull(provider.credentials(target), "the credentials provider returned null");
            } catch (RuntimeException e) {
                return RunResult.runnerFailure("credentials for " + target + " could not be obtained: " + e);
            }
        }
        List<String> argv = arguments(target, request.command(), logon);
        if (LOG.isDebugEnabled()) {
            LOG.debug("probe {} on {}: {}", request.probe().name(), target, describe(argv));
        }
        PsExecBannerFilter stdout = new PsExecBannerFilter(request.stdout());
        PsExecErrorStream stderr = new PsExecErrorStream(request.stderr(), target.name(), serviceName,
                Charset.defaultCharset());
        RunResult launched = executor.run(argv, Map.of(), request.timeout(), stdout, stderr);
        PsExecTranscript transcript;
        try {
            // also after a timeout: what the program printed before it was killed is kept
            stdout.finish();
            transcript = stderr.finish();
        } catch (IOException e) {
            return RunResult.runnerFailure("the output of probe " + request.probe().name() + " on " + target
                    + " could not be passed on: " + e);
        }
        RunResult result = PsExecVerdict.decide(launched, transcript, launcher.toString(), target.name(),
                exitCodeWithoutClosingLine);
        if (!result.exited() && LOG.isDebugEnabled()) {
            LOG.debug("probe {} on {}: {}", request.probe().name(), target, result.message());
        }
        return result;
    }

    /**
     * The check used when the experiment sets none: a TCP connection to port 445 (SMB, which PsExec
     * needs anyway to reach the admin share) accepted within 500 ms. ICMP is often blocked by the
     * Windows firewall, so the paper's ping would report live machines as down; it stays selectable
     * with {@link AvailabilityCheck#icmp}.
     *
     * @return the check
     */
    @Override
    public AvailabilityCheck defaultAvailabilityCheck() {
        return SMB_CHECK;
    }

    /**
     * Builds the launcher's argument vector, in the order given in the class description.
     *
     * @param target the target
     * @param command the probe's executable and arguments, already validated
     * @param logon the credentials, or null for the coordinator's own account
     * @return the launcher followed by its arguments
     */
    List<String> arguments(Target target, List<String> command, @Nullable Credentials logon) {
        List<String> remote = new ArrayList<>(command.size());
        for (String value : command) {
            remote.add(WindowsQuoting.quote(value));
        }
        if (logon == null) {
            return vector("\\\\" + target.name(), null, null, remote);
        }
        char[] password = logon.password();
        try {
            return vector("\\\\" + target.name(), logon.user(), new String(password), remote);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private List<String> vector(String computer, @Nullable String user, @Nullable String password,
            List<String> remote) {
        List<String> argv = new ArrayList<>(20 + remote.size());
        argv.add(launcher.toString());
        argv.add(computer);
        argv.add("-accepteula");
        argv.add("-nobanner");
        if (user != null && password != null) {
            argv.add("-u");
            argv.add(user);
            argv.add("-p");
            argv.add(password);
        }
        if (connectTimeoutSeconds > 0) {
            argv.add("-n");
            argv.add(Long.toString(connectTimeoutSeconds));
        }
        argv.add("-r");
        argv.add(serviceName);
        priority.option().ifPresent(argv::add);
        if (systemAccount) {
            argv.add("-s");
        }
        if (elevated) {
            argv.add("-h");
        }
        if (copyProgram) {
            argv.add("-c");
            if (forceCopy) {
                argv.add("-f");
            }
        }
        String directory = workingDirectory;
        if (directory != null) {
            argv.add("-w");
            argv.add(directory);
        }
        argv.addAll(remote);
        return List.copyOf(argv);
    }

    /**
     * Describes an argument vector for a log line: the elements separated by spaces, with the value
     * after every {@code -p} replaced by {@code ****}.
     *
     * @param argv a launcher's argument vector
     * @return the description, without the password
     */
    static String describe(List<String> argv) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(argv.get(i));
            if (argv.get(i).equals("-p") && i + 1 < argv.size()) {
                i++;
                text.append(' ').append(MASK);
            }
        }
        return text.toString();
    }

    /**
     * Describes this runner's command line, with placeholders for the target, the user and the
     * command, and never the password.
     *
     * @return e.g. {@code PsExecRunner[PsExec.exe \\<target> -accepteula -nobanner -r DDC-1-ab -low <command> <args>]}
     */
    @Override
    public String toString() {
        String user = credentials == null ? null : "<user>";
        String password = credentials == null ? null : MASK;
        return "PsExecRunner[" + describe(vector("\\\\<target>", user, password, List.of("<command>", "<args>"))) + "]";
    }

    /**
     * A service name that no other coordinator uses: {@code DDC-}, this JVM's process id in base 36,
     * {@code -} and 32 random bits in hexadecimal, e.g. {@code DDC-2kq1-5f3a9c01} (at most 27
     * characters).
     */
    private static String uniqueServiceName() {
        return "DDC-" + Long.toString(ProcessHandle.current().pid(), 36) + "-" + String.format("%08x", RANDOM.nextInt());
    }

    /**
     * Configures a {@link PsExecRunner}; the defaults are listed in the runner's description. Each
     * setter checks its value; {@link #build()} checks the combination and copies the state. Not
     * thread-safe.
     */
    public static final class Builder {
        private Path launcher = DEFAULT_LAUNCHER;
        private @Nullable CredentialsProvider credentials;
        private long connectTimeoutSeconds;
        private Priority priority = DEFAULT_PRIORITY;
        private boolean systemAccount;
        private boolean elevated;
        private boolean copyProgram;
        private boolean forceCopy;
        private @Nullable String workingDirectory;
        private @Nullable String serviceName;
        private boolean exitCodeWithoutClosingLine;

        private Builder() {}

        /**
         * Sets the launcher: {@code PsExec.exe}, {@code PsExec64.exe}, PAExec, or any program with
         * the same syntax. A bare file name is looked up on the {@code PATH} by the operating system.
         *
         * @param launcher the launcher's path; default {@code PsExec.exe}
         * @return this builder
         * @throws IllegalArgumentException if the path is empty
         */
        public Builder launcher(Path launcher) {
            Objects.requireNonNull(launcher, "launcher");
            if (launcher.toString().isEmpty()) {
                throw new IllegalArgumentException("launcher path is empty");
            }
            this.launcher = launcher;
            return this;
        }

        /**
         * Logs on to the targets with credentials from a provider ({@code -u USER -p PASSWORD}),
         * asked before every execution. Without it, PsExec uses the coordinator's own account and no
         * password is put on any command line.
         *
         * @param provider where the credentials come from
         * @return this builder
         */
        public Builder credentials(CredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sets how long PsExec tries to connect to a target ({@code -n SECONDS}). Without it, PsExec
         * uses its own default.
         *
         * @param timeout a positive whole number of seconds
         * @return this builder
         * @throws IllegalArgumentException if the timeout is not positive or not whole seconds
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0 || timeout.getSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "connect timeout must be a positive whole number of seconds (PsExec's -n), got " + timeout);
            }
            this.connectTimeoutSeconds = timeout.getSeconds();
            return this;
        }

        /**
         * Sets the priority of the remote program.
         *
         * @param priority default {@link Priority#LOW}
         * @return this builder
         */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /**
         * Runs the remote program in the System account ({@code -s}).
         *
         * @param system default false
         * @return this builder
         */
        public Builder systemAccount(boolean system) {
            this.systemAccount = system;
            return this;
        }

        /**
         * Runs the remote program with the account's elevated token, where there is one
         * ({@code -h}; needed under UAC for anything that requires administrator rights).
         *
         * @param elevated default false
         * @return this builder
         */
        public Builder elevated(boolean elevated) {
            this.elevated = elevated;
            return this;
        }

        /**
         * Copies the probe's executable from the coordinator to the target before running it
         * ({@code -c}); the executable is then a path on the coordinator. Without it, the program must
         * be on the target's system path.
         *
         * @param copy default false
         * @return this builder
         */
        public Builder copyProgram(boolean copy) {
            this.copyProgram = copy;
            return this;
        }

        /**
         * Copies the program even if it already exists on the target ({@code -f}); only together with
         * {@link #copyProgram(boolean) copyProgram(true)}, which {@link #build()} checks.
         *
         * @param force default false
         * @return this builder
         */
        public Builder forceCopy(boolean force) {
            this.forceCopy = force;
            return this;
        }

        /**
         * Sets the working directory of the remote program ({@code -w DIR}), a path on the target.
         * Without it, PsExec uses the remote system directory.
         *
         * @param directory e.g. {@code C:\Temp}
         * @return this builder
         * @throws IllegalArgumentException if the directory is empty, starts with {@code -}, or
         *     contains a double quote or a control character
         */
        public Builder workingDirectory(String directory) {
            Objects.requireNonNull(directory, "directory");
            if (directory.isEmpty()) {
                throw new IllegalArgumentException("working directory is empty");
            }
            for (int i = 0; i < directory.length(); i++) {
                char c = directory.charAt(i);
                if (Character.isISOControl(c)) {
                    throw new IllegalArgumentException("working directory '" + directory.replaceAll("\\p{Cntrl}", "?")
                            + "' contains a control character");
                }
                if (c == '"') {
                    throw new IllegalArgumentException("working directory '" + directory
                            + "' contains a double quote, which no Windows path has");
                }
            }
            if (directory.charAt(0) == '-') {
                throw new IllegalArgumentException("working directory '" + directory
                        + "' starts with '-' and could be taken for an option");
            }
            this.workingDirectory = directory;
            return this;
        }

        /**
         * Sets the name of the service PsExec creates on the targets ({@code -r NAME}). Two
         * coordinators that use the same name on the same target at the same time interfere with
         * each other, which is why each runner gets its own by default: {@code DDC-}, the JVM's
         * process id in base 36, {@code -}, and 32 random bits in hexadecimal. Set a fixed name when
         * the targets' administrators want to recognise it.
         *
         * @param name 1 to 32 of {@code A-Z a-z 0-9 _ -}, not starting with {@code -}
         * @return this builder
         * @throws IllegalArgumentException if the name is not acceptable
         */
        public Builder serviceName(String name) {
            Objects.requireNonNull(name, "name");
            if (!SERVICE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("service name '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' is not acceptable: use 1 to 32 of A-Z a-z 0-9 _ -, not starting with '-'");
            }
            this.serviceName = name;
            return this;
        }

        /**
         * Takes the launcher's exit status as the remote program's exit code even when the launcher
         * did not end its standard error with PsExec's closing line ({@code CMD exited on H with error
         * code N.}). PsExec always writes that line when the program ran, so by default its absence
         * makes the execution FAILED ({@link io.ddc.Failure.Kind#RUNNER_FAILURE}): the status is then
         * PsExec's own error code, not the program's. Set this for a compatible launcher that never
         * writes the line; PsExec's own failures are then still recognised by their messages, but a
         * failure without one is taken for the program's exit code.
         *
         * @param trust default false
         * @return this builder
         */
        public Builder exitCodeWithoutClosingLine(boolean trust) {
            this.exitCodeWithoutClosingLine = trust;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return an immutable runner
         * @throws IllegalStateException if {@code forceCopy(true)} was set without
         *     {@code copyProgram(true)}
         */
        public PsExecRunner build() {
            if (forceCopy && !copyProgram) {
                throw new IllegalStateException("forceCopy(true) needs copyProgram(true): PsExec's -f only applies with -c");
            }
            String name = serviceName;
            return new PsExecRunner(this, name != null ? name : uniqueServiceName());
        }
    }
}
