package io.ddc.inuse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what Unix {@code who} prints: one line per login, {@code user terminal login-time [(host)]},
 * as in {@code alice pts/0 2026-03-02 09:15 (10.0.0.7)} (GNU) or {@code alice ttys000 Mar  2 09:15}
 * (BSD).
 *
 * <ul>
 *   <li>Exit code 0 is required; empty output means nobody is logged on.</li>
 *   <li>A line must have at least three words and a time ({@code H:MM} or {@code HH:MM}) among them;
 *       its first word is the user. Anything else is not understood.</li>
 *   <li>A first line that starts with {@code NAME LINE} or {@code USER TTY} is a header
 *       ({@code who -H}, BusyBox) and is skipped.</li>
 *   <li>who lists logins, not their state: no session is disconnected.</li>
 * </ul>
 *
 * Immutable.
 */
final class LoggedOnWho implements LoggedOnReader {
    static final LoggedOnWho INSTANCE = new LoggedOnWho();

    private static final Pattern HEADER = Pattern.compile("^\\s*(NAME\\s+LINE|USER\\s+TTY)\\b");
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])\\d{1,2}:\\d{2}(?!\\d)");

    private LoggedOnWho() {}

    @Override
    public String format() {
        return "who";
    }

    @Override
    public List<LoggedOnSession> read(int exitCode, String stdout, String stderr) throws LoggedOnNotUnderstood {
        if (exitCode != 0) {
            throw new LoggedOnNotUnderstood("who exited with " + exitCode + LoggedOnNotUnderstood.firstLineOf(stderr,
                    stdout));
        }
        List<LoggedOnSession> sessions = new ArrayList<>();
        String[] lines = stdout.split("\\R", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (first && HEADER.matcher(line).find()) {
                first = false;
                continue;
            }
            first = false;
            String[] words = line.strip().split("\\s+");
            if (words.length < 3 || !TIME.matcher(line).find()) {
                throw new LoggedOnNotUnderstood("line " + (i + 1) + " is not a who line (user, terminal, login time): "
                        + LoggedOnNotUnderstood.quote(line));
            }
            sessions.add(new LoggedOnSession(words[0], false));
        }
        return List.copyOf(sessions);
    }
}
