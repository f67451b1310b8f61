package io.ddc.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The exec request of a probe for a Windows target: Windows PowerShell runs a script passed with
 * {@code -EncodedCommand} (Base64 of its UTF-16LE text), so that neither the SSH server's default
 * shell (cmd.exe) nor PowerShell's own command line re-reads any character of it. The script prints
 * {@code ddc-run pid=P} on standard error, lowers its priority unless told not to, calls the program
 * with each argument in single quotes, and exits with the program's exit code. The kill command is
 * {@code taskkill /T /F /PID P}, which ends P and its descendants.
 */
final class PowerShellCommand {
    /** A Windows command line holds 32,767 characters; the Base64 text is 8/3 of the script's length. */
    static final int MAX_SCRIPT_LENGTH = 12_000;

    private PowerShellCommand() {}

    /**
     * Quotes one value for PowerShell: in single quotes, a single quote doubled. PowerShell also takes
     * the typographic single quotes as quotes, so they are doubled too.
     *
     * @param value any text without NUL
     * @return the quoted word
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                quoted.append(c);
            }
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }

    /**
     * Builds the script.
     *
     * @param command the probe's executable and arguments
     * @param lowPriority whether the program runs at below-normal priority
     * @return the script's text
     */
    static String script(List<String> command, boolean lowPriority) {
        StringBuilder script = new StringBuilder("$ErrorActionPreference = 'Stop'\n")
                .append("[Console]::Error.WriteLine('").append(PosixCommand.MARKER).append("pid=' + $PID)\n");
        if (lowPriority) {
            script.append("(Get-Process -Id $PID).PriorityClass = 'BelowNormal'\n");
        }
        script.append("try {\n  &");
        for (String value : command) {
            script.append(' ').append(quote(value));
        }
        return script.append("\n  exit $LASTEXITCODE\n} catch {\n  [Console]::Error.WriteLine($_.ToString())\n  exit 1\n}\n")
                .toString();
    }

    /**
     * Builds the exec request.
     *
     * @param script from {@link #script}
     * @return {@code powershell.exe ... -EncodedCommand BASE64}
     */
    static String wrap(String script) {
        return "powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand "
                + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Reads the script's line.
     *
     * @param line the first line of standard error, without its line end
     * @return how to kill the process it names, or null if it is not the script's line
     */
    static @Nullable KillSwitch killSwitch(String line) {
        String prefix = PosixCommand.MARKER + "pid=";
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!text.startsWith(prefix)) {
            return null;
        }
        String digits = text.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new KillSwitch("taskkill /T /F /PID " + digits, "process tree " + digits);
    }
}
