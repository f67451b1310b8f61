package io.ddc.launcher;

import io.ddc.core.LocalRunner;
import io.ddc.psexec.CredentialsProvider;
import io.ddc.psexec.PsExecRunner;
import io.ddc.spi.AvailabilityCheck;
import io.ddc.ssh.PassphraseProvider;
import io.ddc.ssh.PasswordProvider;
import io.ddc.ssh.SshRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's runner options, a picocli mixin shared by the commands that run probes:
 * {@code --runner}, {@code --psexec}, {@code --user}, {@code --password-env}, {@code --check}, and
 * for SSH {@code --identity}, {@code --passphrase-env}, {@code --known-hosts},
 * {@code --accept-new-host-keys} and {@code --port}. {@link #resolve} checks them together and
 * builds the runner without starting anything (an SSH runner loads its keys, and starts its client
 * on the first execution; the command closes it through {@link RunnerChoice#close()}).
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
    private static final String SSH = "ssh";
    /** How long {@code --check icmp} and {@code --check tcp:PORT} wait for an answer. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);

    private static final String TCP_PREFIX = "tcp:";

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--runner", paramLabel = "local|psexec|ssh", order = 20,
            description = "how probes reach the targets: local (run on this machine, for demos and tests),"
                    + " psexec (Windows targets through PsExec) or ssh (Linux and Unix targets over SSH)"
                    + " (default: local)")
    private @Nullable String runner;

    @Option(names = "--psexec", paramLabel = "PATH", order = 21,
            description = "PsExec.exe or a compatible launcher (PsExec64.exe, PAExec); a path with a folder"
                    + " must name an existing file; only with --runner psexec (default: PsExec.exe,"
                    + " looked up on the PATH)")
    private @Nullable Path launcher;

    @Option(names = "--user", paramLabel = "USER", order = 22,
            description = "account PsExec logs on with, such as LAB\\ddc (needs --password-env; default: the"
                    + " coordinator's own account, no password), or the SSH login (default: the coordinator's"
                    + " user name); only with --runner psexec or ssh")
    private @Nullable String user;

    @Option(names = "--password-env", paramLabel = "VAR", order = 23,
            description = "name of the environment variable that holds the password of --user, set and not"
                    + " empty: a password is never given on ddc's command line (PsExec itself puts it on"
                    + " its own, where local process listings see it while PsExec runs)")
    private @Nullable String passwordVariable;

    @Option(names = "--check", paramLabel = "CHECK", order = 24,
            description = "availability check before anything runs on a target: always, icmp or tcp:PORT,"
                    + " waiting at most 500 ms (default: the runner's: tcp:445 for psexec, tcp:22 or --port for"
                    + " ssh, always for local)")
    private @Nullable String check;

    @Option(names = "--identity", paramLabel = "FILE", arity = "1..*", order = 25,
            description = "ssh: private key file(s), OpenSSH or PEM, RSA, ECDSA or Ed25519, loaded before"
                    + " anything runs (default: ~/.ssh/id_ed25519, id_ecdsa and id_rsa, those that exist, unless"
                    + " --password-env is given)")
    private @Nullable List<Path> identities;

    @Option(names = "--passphrase-env", paramLabel = "VAR", order = 26,
            description = "ssh: name of the environment variable that holds the passphrase of the --identity"
                    + " files")
    private @Nullable String passphraseVariable;

    @Option(names = "--known-hosts", paramLabel = "FILE", order = 27,
            description = "ssh: the known_hosts file that host keys are checked against, strictly: an unknown"
                    + " or changed key fails the target (default: ~/.ssh/known_hosts)")
    private @Nullable Path knownHosts;

    @Option(names = "--accept-new-host-keys", order = 28,
            description = "ssh: accept the key of a host that --known-hosts does not know, and add it to the"
                    + " file; a changed key is refused all the same")
    private boolean acceptNewHostKeys;

    @Option(names = "--port", paramLabel = "N", order = 29,
            description = "ssh: the targets' SSH port, 1 to 65535 (default: 22)")
    private @Nullable Integer port;

    /**
     * Checks the options together and builds the runner; nothing is started or written.
     *
     * @param environment the coordinator's environment, where {@code --password-env} is looked up
     * @return the runner and the check asked for
     * @throws ParameterException naming the offending option (and variable), never a password
     */
    RunnerChoice resolve(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String runner = runner();
        if (!runner.equals(LOCAL) && !runner.equals(PSEXEC) && !runner.equals(SSH)) {
            throw usageError("--runner must be local, psexec or ssh, got '" + runner + "'");
        }
        @Nullable AvailabilityCheck availability = parseCheck();
        if (!runner.equals(SSH)) {
            requireAbsent("--identity", identities, SSH);
            requireAbsent("--passphrase-env", passphraseVariable, SSH);
            requireAbsent("--known-hosts", knownHosts, SSH);
            requireAbsent("--accept-new-host-keys", acceptNewHostKeys ? Boolean.TRUE : null, SSH);
            requireAbsent("--port", port, SSH);
        }
        if (!runner.equals(PSEXEC)) {
            requireAbsent("--psexec", launcher, PSEXEC);
        }
        if (runner.equals(LOCAL)) {
            requireAbsent("--user", user, "psexec or --runner ssh");
            requireAbsent("--password-env", passwordVariable, "psexec or --runner ssh");
            return new RunnerChoice(LocalRunner.create(), availability);
        }
        if (runner.equals(SSH)) {
            return new RunnerChoice(ssh(environment), availability);
        }
        return new RunnerChoice(psexec(environment), availability);
    }

    /** Builds the SSH runner: loads the keys now, so that a key that cannot be used is a usage error. */
    private SshRunner ssh(Map<String, String> environment) {
        SshRunner.Builder builder = SshRunner.builder();
        String account = user;
        if (account != null) {
            try {
                builder.user(account);
            } catch (IllegalArgumentException e) {
                throw usageError("--user: " + e.getMessage());
            }
        }
        Integer number = port;
        if (number != null) {
            if (number < 1 || number > 65_535) {
                throw usageError("--port must be 1 to 65535, got " + number);
            }
            builder.port(number);
        }
        String variable = passwordVariable;
        if (variable != null) {
            try {
                builder.password(PasswordProvider.fromEnvironment(variable, environment));
            } catch (IllegalArgumentException e) {
                throw usageError("--password-env " + variable + ": " + e.getMessage());
            }
        }
        String phrase = passphraseVariable;
        if (phrase != null) {
            if (identities == null) {
                throw usageError("--passphrase-env needs --identity FILE: it is the passphrase of those files");
            }
            try {
                builder.passphrase(PassphraseProvider.fromEnvironment(phrase, environment));
            } catch (IllegalArgumentException e) {
                throw usageError("--passphrase-env " + phrase + ": " + e.getMessage());
            }
        }
        for (Path file : identities == null ? List.<Path>of() : new ArrayList<>(identities)) {
            builder.identity(file);
        }
        Path file = knownHosts;
        if (file != null) {
            if (Files.isDirectory(file)) {
                throw usageError("--known-hosts " + file + " is a folder, not a known_hosts file");
            }
            builder.knownHosts(file);
        }
        builder.acceptNewHostKeys(acceptNewHostKeys);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usageError("--identity: " + e.getMessage());
        }
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
        try {
            return check(value);
        } catch (IllegalArgumentException e) {
            throw usageError("--check " + e.getMessage());
        }
    }

    /**
     * Reads an availability check as {@code --check} and the experiment file's {@code check} take it.
     *
     * @param value always, icmp or tcp:PORT
     * @return the check, waiting at most 500 ms
     * @throws IllegalArgumentException saying what is allowed, starting with "must be"
     */
    static AvailabilityCheck check(String value) {
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
        throw new IllegalArgumentException("must be always, icmp or tcp:PORT with a PORT from 1 to 65535, got '"
                + value + "'");
    }

    /**
     * Gives the options not set on the command line the values of an experiment file's keys
     * {@code runner} and {@code check}, and of the section of the runner in use ({@code ssh} or
     * {@code psexec}): the command line wins.
     *
     * @param file the file's runner keys
     */
    void defaults(ExperimentFile.Runner file) {
        Objects.requireNonNull(file, "file");
        if (runner == null) {
            runner = file.name().orElse(null);
        }
        if (check == null) {
            check = file.check().orElse(null);
        }
        if (runner().equals(SSH)) {
            ExperimentFile.Ssh ssh = file.ssh();
            user = user != null ? user : ssh.user().orElse(null);
            passwordVariable = passwordVariable != null ? passwordVariable : ssh.passwordVariable().orElse(null);
            passphraseVariable = passphraseVariable != null ? passphraseVariable : ssh.passphraseVariable().orElse(null);
            identities = identities != null || ssh.identities().isEmpty() ? identities : new ArrayList<>(ssh.identities());
            knownHosts = knownHosts != null ? knownHosts : ssh.knownHosts().orElse(null);
            port = port != null || ssh.port().isEmpty() ? port : Integer.valueOf(ssh.port().getAsInt());
            acceptNewHostKeys = acceptNewHostKeys || ssh.acceptNewHostKeys();
        } else if (runner().equals(PSEXEC)) {
            ExperimentFile.PsExec psexec = file.psexec();
            launcher = launcher != null ? launcher : psexec.path().orElse(null);
            user = user != null ? user : psexec.user().orElse(null);
            passwordVariable = passwordVariable != null ? passwordVariable : psexec.passwordVariable().orElse(null);
        }
    }

    private String runner() {
        return runner != null ? runner : LOCAL;
    }

    private void requireAbsent(String option, @Nullable Object value, String runners) {
        if (value != null) {
            throw usageError(option + " is only for --runner " + runners + ", and the runner is " + runner());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}
