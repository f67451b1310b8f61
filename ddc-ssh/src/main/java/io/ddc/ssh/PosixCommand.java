package io.ddc.ssh;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The exec request of a probe for a POSIX login shell, and the kill command that goes with it.
 *
 * <p>The login shell first prints one line on standard error, {@code ddc-run group=G} (or
 * {@code ddc-run pid=P} without {@code timeout}) with its own process id, and then replaces itself
 * with {@code [timeout -k 5 S] [nice -n N] COMMAND ARGS...}, every element of the probe's command in
 * single quotes: {@code printf 'ddc-run group=%s\n' "$$" >&2; exec timeout -k 5 S nice -n N 'uname'
 * '-a'}. No shell is started besides the login shell, and {@code timeout}, {@code nice} and the
 * program keep its process id one after the other. The runner takes that line out of the output and
 * keeps G or P to kill with:
 *
 * <ul>
 *   <li>with {@code timeout} (the default), G is the process group of {@code timeout} and the
 *       program, which the program's children inherit: OpenSSH starts the login shell as the leader
 *       of a new session (and group), and GNU timeout makes itself a group leader where it is not one
 *       already. Timeout also kills that group by itself, a few seconds after the probe's own timeout,
 *       should the session be lost and the runner never get to kill it.</li>
 *   <li>without it, P is the program's process, which OpenSSH makes a process group leader; the kill
 *       command checks that before killing the group, and kills only P otherwise.</li>
 * </ul>
 *
 * <p>The kill command sends SIGKILL to the group and to G itself (in case the group was not made yet),
 * and then watches them, for three seconds at most, until no process of the group is left that is
 * not a zombie; it works for root logins too (unlike OpenSSH's {@code signal} channel request before
 * 9.8). Its exit status says what it achieved: 0 all gone, 3 the program gone but not a group leader,
 * anything else not confirmed.
 */
final class PosixCommand {
    static final String MARKER = "ddc-run ";
    /** How much longer than the probe's timeout the remote watchdog waits, so that the runner acts first. */
    static final long WATCHDOG_MARGIN_SECONDS = 10;

    private PosixCommand() {}

    /**
     * Quotes one value for a POSIX shell: in single quotes, a single quote written as {@code '\''}.
     *
     * @param value any text without NUL
     * @return the quoted word
     */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Builds the exec request.
     *
     * @param command the probe's executable and arguments
     * @param timeout the probe's timeout
     * @param niceness 0 for none, or 1 to 19
     * @param watchdog whether {@code timeout} wraps the program
     * @return the command line for the login shell
     */
    static String wrap(List<String> command, Duration timeout, int niceness, boolean watchdog) {
        StringBuilder line = new StringBuilder("printf '").append(MARKER).append(watchdog ? "group" : "pid")
                .append("=%s\\n' \"$$\" >&2; exec");
        if (watchdog) {
            long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0) + WATCHDOG_MARGIN_SECONDS;
            line.append(" timeout -k 5 ").append(seconds);
        }
        if (niceness > 0) {
            line.append(" nice -n ").append(niceness);
        }
        for (String value : command) {
            line.append(' ').append(quote(value));
        }
        return line.toString();
    }

    /**
     * Reads the wrapper's line.
     *
     * @param line the first line of standard error, without its line feed
     * @return how to kill what the line names, or null if it is not the wrapper's line
     */
    static @Nullable KillSwitch killSwitch(String line) {
        if (!line.startsWith(MARKER)) {
            return null;
        }
        String rest = line.substring(MARKER.length());
        boolean group = rest.startsWith("group=");
        if (!group && !rest.startsWith("pid=")) {
            return null;
        }
        String digits = rest.substring(rest.indexOf('=') + 1);
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long id = Long.parseLong(digits);
        if (id <= 1) {
            return null;
        }
        return group ? new KillSwitch(killGroup(digits), "process group " + digits)
                : new KillSwitch("p=" + digits + "; if [ \"$(ps -o pgid= -p $p | tr -d ' ')\" = \"$p\" ]; then "
                        + killGroup(digits) + "; fi; kill -s KILL $p 2>/dev/null; i=0; while [ $i -lt 30 ]; do"
                        + " if ps -o stat= -p $p | grep -qv '^Z'; then sleep 0.1; i=$((i+1)); else exit "
                        + KillSwitch.PROGRAM_ONLY + "; fi; done; exit 1", "process " + digits);
    }

    /**
     * Kills group G and process G, and exits 0 once none of them but zombies is left, 1 after 3 s.
     * {@code kill -s KILL -- -G} is the form that dash's builtin accepts too ({@code kill -KILL -- -G}
     * fails there with "Illegal number").
     */
    private static String killGroup(String group) {
        return "g=" + group + "; kill -s KILL -- -$g 2>/dev/null; kill -s KILL $g 2>/dev/null; i=0; while [ $i -lt 30 ];"
                + " do if ps -A -o pgid= -o pid= -o stat= | awk -v g=$g '($1==g || $2==g) && $3 !~ /^Z/ {f=1} END"
                + " {exit !f}';"
                + " then sleep 0.1; i=$((i+1)); else exit " + KillSwitch.CONFIRMED + "; fi; done; exit 1";
    }
}
