package io.ddc.examples;

import io.ddc.core.LocalRunner;
import io.ddc.psexec.CredentialsProvider;
import io.ddc.psexec.PsExecRunner;
import io.ddc.spi.AvailabilityCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's runner options, a picocli mixin shared by the commands that run probes:
 * {@code --runner}, {@code --psexec}, {@code --user}, {@code --password-env} and {@code --check}.
 * {@link #resolve} checks them together and builds the runner without starting anything.
 *
 * <p>A password is never an option: {@code --password-env} names an environment variable, read
 * through the map given to {@link #resolve} (the process environment in {@code ddc.jar}), so that it
 * shows up neither in the coordinator's shell history nor in its process list. Messages name the
 * variable, never its value.
 *
 * <p>Filled in by picocli, then read by one command on one thread; not thread-safe.
 */
final class RunnerOptions {
    private static final String LOCAL = "local";
    private static final String PSEXEC = "psexec";
    /** Listed by SPEC "The launcher", refused until an SSH runner exists. */
    private static final String SSH = "ssh";
    /** How long {@code --check icmp} and {@code --check tcp:PORT} wait for an answer. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);

    private static final String TCP_PREFIX = "tcp:";

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--runner", paramLabel = "local|psexec", order = 20,
            description = "how probes reach the targets: local (run on this machine, for demos and tests)"
                    + " or psexec (Windows targets through PsExec); ssh is not available yet"
                    + " (default: ${DEFAULT-VALUE})")
    private String runner = LOCAL;

    @Option(names = "--psexec", paramLabel = "PATH", order = 21,
            description = "PsExec.exe or a compatible launcher (PsExec64.exe, PAExec); a path with a folder"
                    + " must name an existing file; only with --runner psexec (default: PsExec.exe,"
                    + " looked up on the PATH)")
    private @Nullable Path launcher;

    @Option(names = "--user", paramLabel = "USER", order = 22,
            description = "account PsExec logs on with, such as LAB\\ddc; needs --password-env; only with"
                    + " --runner psexec (default: the coordinator's own account, no password)")
    private @Nullable String user;

    @Option(names = "--password-env", paramLabel = "VAR", order = 23,
            description = "name of the environment variable that holds the password of --user, set and not"
                    + " empty: a password is never given on ddc's command line (PsExec itself puts it on"
                    + " its own, where local process listings see it while PsExec runs)")
    private @Nullable String passwordVariable;

    @Option(names = "--check", paramLabel = "CHECK", order = 24,
            description = "availability check before anything runs on a target: always, icmp or tcp:PORT,"
                    + " waiting at most 500 ms (default: the runner's: tcp:445 for psexec, always for local)")
    private @Nullable String check;

    /**
     * Checks the options together and builds the runner; nothing is started or written.
     *
     * @param environment the coordinator's environment, where {@code --password-env} is looked up
     * @return the runner and the check asked for
     * @throws ParameterException naming the offending option (and variable), never a password
     */
    RunnerChoice resolve(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (runner.equals(SSH)) {
            throw usageError("--runner ssh is not available yet: use --runner local or --runner psexec");
        }
        if (!runner.equals(LOCAL) && !runner.equals(PSEXEC)) {
            throw usageError("--runner must be local or psexec, got '" + runner + "'");
        }
        @Nullable AvailabilityCheck availability = parseCheck();
        if (runner.equals(LOCAL)) {
            requireAbsent("--psexec", launcher);
            requireAbsent("--user", user);
            requireAbsent("--password-env", passwordVariable);
            return new RunnerChoice(LocalRunner.create(), availability);
        }
        return new RunnerChoice(psexec(environment), availability);
    }

    private PsExecRunner psexec(Map<String, String> environment) {
        PsExecRunner.Builder builder = PsExecRunner.builder();
        Path path = launcher;
        if (path != null) {
            builder.launcher(checkedLauncher(path));
        }
        String account = user;
        String variable = passwordVariable;
        if (account != null && variable == null) {
            throw usageError("--user needs --password-env VAR: PsExec would ask for the password, and its"
                    + " input is closed");
        }
        if (account == null && variable != null) {
            throw usageError("--password-env needs --user USER");
        }
        if (account != null && variable != null) {
            builder.credentials(credentials(account, variable, environment));
        }
        return builder.build();
    }

    /** A bare file name is left to the PATH, as PsExec.exe is; a path with a folder must be a file now. */
    private Path checkedLauncher(Path path) {
        if (path.toString().isEmpty()) {
            throw usageError("--psexec is empty: give PsExec.exe or the path of a compatible launcher");
        }
        if (path.getParent() != null) {
            if (!Files.exists(path)) {
                throw usageError("--psexec " + path + " does not exist");
            }
            if (!Files.isRegularFile(path)) {
                throw usageError("--psexec " + path + " is not a regular file");
            }
        }
        return path;
    }

    /**
     * Checks now what the provider will need at every execution: an acceptable user name and a
     * variable that is set, not empty, and holds a password a command line can carry.
     */
    private CredentialsProvider credentials(String account, String variable, Map<String, String> environment) {
        if (variable.isEmpty()) {
            throw usageError("--password-env needs the name of an environment variable, got an empty name");
        }
        try {
            // the provider's messages name the user and the variable, never the password
            return CredentialsProvider.fromEnvironment(account, variable, environment);
        } catch (IllegalArgumentException e) {
            throw usageError("--user " + account + " --password-env " + variable + ": " + e.getMessage());
        }
    }

    private @Nullable AvailabilityCheck parseCheck() {
        String value = check;
        if (value == null) {
            return null;
        }
        if (value.equals("always")) {
            return AvailabilityCheck.always();
        }
        if (value.equals("icmp")) {
            return AvailabilityCheck.icmp(CHECK_TIMEOUT);
        }
        if (value.startsWith(TCP_PREFIX)) {
            String digits = value.substring(TCP_PREFIX.length());
            if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int port = Integer.parseInt(digits);
                if (port >= 1 && port <= 65_535) {
                    return AvailabilityCheck.tcp(port, CHECK_TIMEOUT);
                }
            }
        }
        throw usageError("--check must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got '" + value + "'");
    }

    private void requireAbsent(String option, @Nullable Object value) {
        if (value != null) {
            throw usageError(option + " is only for --runner psexec, and the runner is " + runner);
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}
