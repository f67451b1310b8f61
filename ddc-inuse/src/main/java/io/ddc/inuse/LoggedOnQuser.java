package io.ddc.inuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the table that Windows' {@code quser} (the same program as {@code query user}) prints:
 *
 * <pre>
 *  USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME
 * &gt;alice                 console             1  Active      none   3/2/2026 9:15 AM
 *  bob                                       2  Disc        1:05   3/2/2026 7:40 AM
 * </pre>
 *
 * <ul>
 *   <li>The exit code is no answer: quser exits 1 when it lists sessions too. Codes 0 and 1 are read,
 *       any other is not understood.</li>
 *   <li>The first non-blank line of standard output is the header. Its column labels are separated
 *       by two or more spaces; there must be at least five, and the third must be {@code ID}. The
 *       other labels are not compared, so a translated header whose third label is {@code ID} is
 *       read too. The header starts with a space that stands above the
 *       {@code >} marking the caller's own session; a header without it (as some copies have it) is
 *       read as if it had it.</li>
 *   <li>Each row starts with a space or {@code >}. The user name is the text from the second
 *       character up to where the header's second label (SESSIONNAME) starts, so a name that
 *       contains a space is read whole. After it come an optional session name (empty for a
 *       disconnected session, so counting words would go wrong), the numeric session ID, the state
 *       and at least one more field. The numeric ID anchors the row: session names are never all
 *       digits, and the ID is right-aligned, so it may reach into the session name's column.</li>
 *   <li>No table, and a message that starts with one of the "nobody" messages ({@code No User exists
 *       for *}, written to standard error) on either stream: nobody is logged on.</li>
 *   <li>A session is disconnected when its state is one of the disconnected states ({@code Disc}),
 *       compared without case; any other state, also an unknown one, counts as active.</li>
 * </ul>
 *
 * Immutable.
 */
final class LoggedOnQuser implements LoggedOnReader {
    private final List<String> noUserMessages;
    private final List<String> disconnectedStates;

    LoggedOnQuser(List<String> noUserMessages, List<String> disconnectedStates) {
        this.noUserMessages = List.copyOf(noUserMessages);
        this.disconnectedStates = List.copyOf(disconnectedStates);
    }

    /** @return a reader that also takes {@code message} as "nobody is logged on" */
    LoggedOnQuser withNoUserMessage(String message) {
        List<String> messages = new ArrayList<>(noUserMessages);
        messages.add(message);
        return new LoggedOnQuser(messages, disconnectedStates);
    }

    /** @return a reader that also takes {@code state} as a disconnected session's state */
    LoggedOnQuser withDisconnectedState(String state) {
        List<String> states = new ArrayList<>(disconnectedStates);
        states.add(state);
        return new LoggedOnQuser(noUserMessages, states);
    }

    @Override
    public String format() {
        return "quser";
    }

    @Override
    public List<LoggedOnSession> read(int exitCode, String stdout, String stderr) throws LoggedOnNotUnderstood {
        if (exitCode != 0 && exitCode != 1) {
            throw new LoggedOnNotUnderstood("quser exited with " + exitCode + LoggedOnNotUnderstood.firstLineOf(stderr,
                    stdout));
        }
        String[] lines = stdout.split("\\R", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length || isNoUserMessage(lines[first])) {
            if (onlyNoUserMessages(stdout) && (mentionsNoUser(stdout) || mentionsNoUser(stderr))) {
                return List.of();
            }
            throw new LoggedOnNotUnderstood("quser printed neither a session table nor a \"nobody\" message"
                    + LoggedOnNotUnderstood.firstLineOf(stdout, stderr));
        }
        int userEnd = userColumnEnd(lines[first]);
        List<LoggedOnSession> sessions = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                sessions.add(row(lines[i], i + 1, userEnd));
            }
        }
        return List.copyOf(sessions);
    }

    /** Where the user name column ends: the start of the header's second label. */
    private static int userColumnEnd(String line) throws LoggedOnNotUnderstood {
        String header = line.startsWith(" ") ? line : " " + line;
        List<Integer> starts = new ArrayList<>();
        for (int i = 1; i < header.length(); i++) {
            boolean afterGap = header.charAt(i - 1) == ' ' && (i == 1 || header.charAt(i - 2) == ' ');
            if (header.charAt(i) != ' ' && afterGap) {
                starts.add(i);
            }
        }
        if (starts.size() < 5 || !label(header, starts, 2).equalsIgnoreCase("ID")) {
            throw new LoggedOnNotUnderstood("the first line is not a quser header (at least five columns, the third"
                    + " one ID): " + LoggedOnNotUnderstood.quote(line));
        }
        return starts.get(1);
    }

    private static String label(String header, List<Integer> starts, int index) {
        int end = index + 1 < starts.size() ? starts.get(index + 1) : header.length();
        return header.substring(starts.get(index), end).strip();
    }

    private LoggedOnSession row(String line, int number, int userEnd) throws LoggedOnNotUnderstood {
        char mark = line.charAt(0);
        if (mark != ' ' && mark != '>') {
            throw notARow(number, "does not start with a space or '>'", line);
        }
        if (line.length() <= userEnd) {
            throw notARow(number, "ends before the SESSIONNAME column", line);
        }
        String user = line.substring(1, userEnd).strip();
        if (user.isEmpty()) {
            throw notARow(number, "has no user name", line);
        }
        String[] fields = line.substring(userEnd).strip().split("\\s+");
        int id = isDigits(fields[0]) ? 0 : 1;
        if (fields.length < id + 3 || !isDigits(fields[id])) {
            throw notARow(number, "has no session ID, state and times after the user name", line);
        }
        String state = fields[id + 1];
        boolean disconnected = disconnectedStates.stream().anyMatch(state::equalsIgnoreCase);
        return new LoggedOnSession(user, disconnected);
    }

    private static LoggedOnNotUnderstood notARow(int number, String problem, String line) {
        return new LoggedOnNotUnderstood("line " + number + " " + problem + ": " + LoggedOnNotUnderstood.quote(line));
    }

    private static boolean isDigits(String field) {
        return !field.isEmpty() && field.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private boolean isNoUserMessage(String line) {
        String stripped = line.strip().toLowerCase(Locale.ROOT);
        return noUserMessages.stream().anyMatch(message -> stripped.startsWith(message.toLowerCase(Locale.ROOT)));
    }

    private boolean onlyNoUserMessages(String output) {
        for (String line : output.split("\\R")) {
            if (!line.isBlank() && !isNoUserMessage(line)) {
                return false;
            }
        }
        return true;
    }

    private boolean mentionsNoUser(String output) {
        for (String line : output.split("\\R")) {
            if (isNoUserMessage(line)) {
                return true;
            }
        }
        return false;
    }
}
