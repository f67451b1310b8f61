package io.ddc.inuse;

import io.ddc.parsers.ColumnTableParser;
import io.ddc.parsers.ParseProblem;
import io.ddc.parsers.Row;
import io.ddc.parsers.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
 *   <li>The rows are cut into cells by {@link ColumnTableParser#positional()} at the positions of the
 *       first five labels: user name, session name, ID, state, and the times (the rest of the
 *       line). Cells may be empty (no session name for a disconnected session, so counting words
 *       would go wrong), and a name that contains a space is read whole. Blank lines are
 *       skipped.</li>
 *   <li>Each row starts with a space or {@code >}, and has a user name, a numeric session ID, a state
 *       and at least one time. The ID is right-aligned: the parser puts one of up to four digits
 *       under {@code ID}, but a wider one that reaches further into the session name's column lands
 *       in the session name's cell, where it is taken from as its last word.</li>
 *   <li>No table, and a message that starts with one of the "nobody" messages ({@code No User exists
 *       for *}, written to standard error) on either stream: nobody is logged on.</li>
 *   <li>A session is disconnected when the first word of its state is one of the disconnected
 *       states ({@code Disc}), compared without case; any other state, also an unknown one, counts
 *       as active.</li>
 * </ul>
 *
 * Immutable.
 */
final class LoggedOnQuser implements LoggedOnReader {
    /** The line breaks {@link ColumnTableParser} knows, so that its row numbers index these lines. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    /** The cells of a row, by position: translated headers have other labels. */
    private static final int USER = 0;
    private static final int SESSION = 1;
    private static final int ID = 2;
    private static final int STATE = 3;
    /** The idle and logon times, the rest of the line: only whether there are any is read. */
    private static final int TIMES = 4;
    private static final int COLUMNS = 5;

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
        String[] lines = LINE_BREAK.split(stdout, -1);
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
        String[] table = Arrays.copyOfRange(lines, first, lines.length);
        if (!table[0].startsWith(" ")) {
            table[0] = " " + table[0];
        }
        Table sessions = ColumnTableParser.positional().titles(labels(lines[first])).endAtBlankLine(false).build()
                .parse(String.join("\n", table));
        if (!sessions.problems().isEmpty()) {
            ParseProblem problem = sessions.problems().get(0);
            throw new LoggedOnNotUnderstood("line " + (first + problem.line()) + ": " + problem.message());
        }
        List<LoggedOnSession> read = new ArrayList<>(sessions.rows().size());
        for (Row row : sessions.rows()) {
            int index = first + (int) row.line() - 1;
            read.add(session(row, index + 1, lines[index]));
        }
        return List.copyOf(read);
    }

    /** The header's first five labels, which the parser finds in the header to place the columns. */
    private static String[] labels(String header) throws LoggedOnNotUnderstood {
        String[] labels = header.strip().split(" {2,}");
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i].strip();
        }
        if (labels.length < COLUMNS || !labels[ID].equalsIgnoreCase("ID")
                || Arrays.stream(labels).anyMatch(String::isEmpty)) {
            throw new LoggedOnNotUnderstood("the first line is not a quser header (at least five columns, the third"
                    + " one ID): " + LoggedOnNotUnderstood.quote(header));
        }
        return Arrays.copyOf(labels, COLUMNS);
    }

    private LoggedOnSession session(Row row, int number, String line) throws LoggedOnNotUnderstood {
        char mark = line.charAt(0);
        if (mark != ' ' && mark != '>') {
            throw notARow(number, "does not start with a space or '>'", line);
        }
        if (row.subList(USER + 1, COLUMNS).stream().allMatch(String::isEmpty)) {
            throw notARow(number, "ends before the SESSIONNAME column", line);
        }
        String cell = row.get(USER);
        String user = mark == '>' && cell.startsWith(">") ? cell.substring(1).strip() : cell;
        if (user.isEmpty()) {
            throw notARow(number, "has no user name", line);
        }
        String id = row.get(ID);
        if (id.isEmpty()) {
            String session = row.get(SESSION);
            id = session.substring(session.lastIndexOf(' ') + 1);
        }
        String state = firstWord(row.get(STATE));
        if (!isDigits(id) || state.isEmpty() || row.get(TIMES).isEmpty()) {
            throw notARow(number, "has no session ID, state and times after the user name", line);
        }
        boolean disconnected = disconnectedStates.stream().anyMatch(state::equalsIgnoreCase);
        return new LoggedOnSession(user, disconnected);
    }

    private static String firstWord(String cell) {
        int blank = 0;
        while (blank < cell.length() && cell.charAt(blank) > ' ') {
            blank++;
        }
        return cell.substring(0, blank);
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
