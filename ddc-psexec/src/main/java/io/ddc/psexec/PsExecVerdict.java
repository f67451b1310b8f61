package io.ddc.psexec;

import io.ddc.Failure;
import io.ddc.spi.RunResult;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells PsExec's own failures apart from the remote program's exit code, from the launcher's exit
 * status and what {@link PsExecErrorStream} took out of its standard error.
 *
 * <p>PsExec exits with the remote program's exit code when the program ran, and, as far as public
 * captures show, with a Windows error code when PsExec itself failed. The numbers overlap (a program
 * may exit with 5, which is also "access denied"), so the exit status alone never decides. The rules,
 * in order:
 *
 * <ol>
 *   <li>The launcher timed out or could not be started: that result stands (a missing launcher is
 *       named as such).</li>
 *   <li>PsExec's closing line {@code CMD exited on H with error code N.} ends its standard error:
 *       the program ran and N is its exit code, whatever N is.</li>
 *   <li>PsExec wrote a failure message before the program started: the failure is named from the
 *       message's English text, or from the exit status where the text is localised (Windows
 *       translates the system half of the message): the program could not be started
 *       ({@code PsExec could not start ...}, a {@link Failure.Kind#COULD_NOT_START} result); the
 *       service could not be installed or started; logon failure; access denied; host or network
 *       path not found. Each is a {@link Failure.Kind#RUNNER_FAILURE} that quotes the message.</li>
 *   <li>Neither: the exit status cannot be told apart. By default that is a
 *       {@link Failure.Kind#RUNNER_FAILURE} which says so, with the meaning of the status as a
 *       Windows error code if it is a known one. A launcher that prints no closing line at all (not
 *       PsExec) can be trusted instead with
 *       {@link PsExecRunner.Builder#exitCodeWithoutClosingLine(boolean)}, and its status is then the
 *       program's exit code.</li>
 * </ol>
 */
final class PsExecVerdict {
    /** Windows error codes that PsExec's failures end with, and their standard English text. */
    private static final Map<Integer, String> WINDOWS_ERRORS = Map.ofEntries(
            Map.entry(2, "The system cannot find the file specified."),
            Map.entry(5, "Access is denied."),
            Map.entry(53, "The network path was not found."),
            Map.entry(64, "The specified network name is no longer available."),
            Map.entry(67, "The network name cannot be found."),
            Map.entry(121, "The semaphore timeout period has expired."),
            Map.entry(1053, "The service did not respond to the start or control request in a timely fashion."),
            Map.entry(1203, "The network path was either typed incorrectly, does not exist, or the network provider"
                    + " is not currently available."),
            Map.entry(1219, "Multiple connections to a server or shared resource by the same user, using more than"
                    + " one user name, are not allowed."),
            Map.entry(1231, "The network location cannot be reached."),
            Map.entry(1326, "The user name or password is incorrect."),
            Map.entry(1327, "Account restrictions are preventing this user from signing in."),
            Map.entry(1330, "The password for this account has expired."),
            Map.entry(1331, "This user can't sign in because this account is currently disabled."),
            Map.entry(1385, "The user has not been granted the requested logon type at this computer."),
            Map.entry(1722, "The RPC server is unavailable."),
            Map.entry(1909, "The referenced account is currently locked out and may not be logged on to."));

    /** What went wrong, in the order the rules test them. */
    private enum Cause {
        SERVICE("the PsExec service could not be installed or started on %s", "could not start ", "error installing ",
                "error communicating with psexec service", "error establishing communication"),
        LOGON("logon failure on %s (bad user name or password, or the account may not log on there)",
                "user name or password is incorrect", "logon failure", "unknown user name or bad password",
                "account restrictions", "password for this account has expired", "account is currently disabled",
                "locked out", "logon type"),
        ACCESS_DENIED("access denied on %s", "access is denied"),
        HOST_NOT_FOUND("host not found or network path not found: %s", "network path was not found",
                "network name cannot be found", "network location cannot be reached", "network path was either",
                "network name is no longer available", "rpc server is unavailable", "semaphore timeout");

        private final String description;
        private final String[] texts;

        Cause(String description, String... texts) {
            this.description = description;
            this.texts = texts;
        }

        boolean mentionedIn(String lowerCaseMessage) {
            for (String text : texts) {
                if (lowerCaseMessage.contains(text)) {
                    return true;
                }
            }
            return false;
        }

        static @Nullable Cause ofCode(int code) {
            return switch (code) {
                case 1053 -> SERVICE;
                case 1326, 1327, 1330, 1331, 1385, 1909, 1219 -> LOGON;
                case 5 -> ACCESS_DENIED;
                case 53, 64, 67, 121, 1203, 1231, 1722 -> HOST_NOT_FOUND;
                default -> null;
            };
        }
    }

    private PsExecVerdict() {}

    /**
     * Decides how the execution ended.
     *
     * @param launcher what the launcher process did, as {@link io.ddc.process.ProcessExecutor} reports it
     * @param transcript what PsExec said
     * @param launcherName the launcher, for messages
     * @param host the target's name
     * @param exitCodeWithoutClosingLine whether a status without a closing line is the program's
     * @return the execution's result
     */
    static RunResult decide(RunResult launcher, PsExecTranscript transcript, String launcherName, String host,
            boolean exitCodeWithoutClosingLine) {
        if (!launcher.exited()) {
            if (launcher.kind().orElseThrow() == Failure.Kind.COULD_NOT_START) {
                return RunResult.couldNotStart("the launcher " + launcherName + " could not be started ("
                        + launcher.message() + "); check the launcher path");
            }
            return launcher;
        }
        int status = launcher.exitCode().orElseThrow();
        if (transcript.programExitCode().isPresent()) {
            return RunResult.exited(transcript.programExitCode().getAsInt());
        }
        String message = transcript.failureMessage();
        if (!message.isEmpty()) {
            return failure(message, status, host);
        }
        if (exitCodeWithoutClosingLine) {
            return RunResult.exited(status);
        }
        StringBuilder reason = new StringBuilder("PsExec ended with exit status ").append(status)
                .append(" without its closing line '... exited on ").append(host)
                .append(" with error code N.', so the remote program's exit code is unknown");
        String meaning = WINDOWS_ERRORS.get(status);
        if (meaning != null) {
            reason.append("; as a Windows error code, ").append(status).append(" means: ").append(meaning);
        }
        if (!transcript.lastStep().isEmpty()) {
            reason.append("; PsExec's last step: ").append(transcript.lastStep());
        }
        return RunResult.runnerFailure(reason.toString());
    }

    private static RunResult failure(String message, int status, String host) {
        String quoted = " (PsExec: \"" + message + "\", exit status " + status + ")";
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("psexec could not start ")) {
            return RunResult.couldNotStart("PsExec could not start the program on " + host + quoted);
        }
        @Nullable Cause cause = null;
        for (Cause candidate : Cause.values()) {
            if (candidate.mentionedIn(lower)) {
                cause = candidate;
                break;
            }
        }
        if (cause == null) {
            cause = Cause.ofCode(status);
        }
        if (cause == null) {
            return RunResult.runnerFailure("PsExec failed on " + host + quoted);
        }
        return RunResult.runnerFailure(String.format(Locale.ROOT, cause.description, host) + quoted);
    }
}
