package io.ddc.inuse;

import io.ddc.spi.RemoteRunner;
import io.ddc.spi.TargetFamily;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The command an {@link InUseCheck} runs on a target to learn who is logged on there, and how it
 * reads what the command prints. Immutable and thread-safe; the {@code with...} methods return a
 * changed copy.
 *
 * <p>Two formats are known:
 *
 * <ul>
 *   <li>{@link #quser()}: Windows' session table, from {@code quser} (the same program as
 *       {@code query user}). quser exits with 1 whether or not anyone is logged on, so its output is
 *       the answer, never its exit code: a table row per session, or {@code No User exists for *}
 *       on standard error when there is none.</li>
 *   <li>{@link #who()}: Unix {@code who}, one line per login.</li>
 * </ul>
 *
 * <p>The command runs through the experiment's runner like a probe, argument by argument and without
 * a shell. With the local runner ({@code io.ddc.core.LocalRunner}) it runs on the coordinator,
 * whatever the target, so to ask a remote Linux machine give a command that reaches it; the local
 * runner passes the target's name in the environment variable {@code DDC_TARGET}:
 *
 * <pre>{@code
 * LoggedOnQuery viaSsh = LoggedOnQuery.who()
 *     .withCommand("sh", "-c", "exec ssh -o BatchMode=yes \"$DDC_TARGET\" who");
 * }</pre>
 */
public final class LoggedOnQuery {
    /** What a quser without sessions prints (on standard error) on an English Windows. */
    public static final String QUSER_NO_USER_MESSAGE = "No User exists for";
    /** The state quser shows for a disconnected session on an English Windows. */
    public static final String QUSER_DISCONNECTED_STATE = "Disc";

    private static final LoggedOnQuery QUSER = new LoggedOnQuery(List.of("quser"), StandardCharsets.ISO_8859_1,
            new LoggedOnQuser(List.of(QUSER_NO_USER_MESSAGE), List.of(QUSER_DISCONNECTED_STATE)));
    private static final LoggedOnQuery WHO = new LoggedOnQuery(List.of("who"), StandardCharsets.UTF_8,
            LoggedOnWho.INSTANCE);

    private final List<String> command;
    private final Charset charset;
    private final LoggedOnReader reader;

    private LoggedOnQuery(List<String> command, Charset charset, LoggedOnReader reader) {
        this.command = command;
        this.charset = charset;
        this.reader = reader;
    }

    /**
     * Windows: runs {@code quser} and reads its session table (see the class description). Output is
     * decoded as ISO-8859-1, one character per byte, which keeps the table's columns in place in any
     * single-byte code page; names with letters outside ASCII then read wrongly, which only matters
     * for {@link InUseCheck.Builder#ignoreUsers}: set the targets' OEM code page with
     * {@link #withCharset} (for example {@code IBM850}) if that matters. A translated Windows prints
     * other "nobody" messages and states: add them with {@link #withNoUserMessage} and
     * {@link #withDisconnectedState}. If the targets' launcher cannot find {@code quser}, give its full
     * path with {@link #withCommand}.
     *
     * @return the query
     */
    public static LoggedOnQuery quser() {
        return QUSER;
    }

    /**
     * Unix: runs {@code who} and reads one login per line, output decoded as UTF-8. who cannot tell
     * active from idle logins: every login listed counts.
     *
     * @return the query
     */
    public static LoggedOnQuery who() {
        return WHO;
    }

    /**
     * The query that fits a runner's {@linkplain RemoteRunner#targetFamily() targets}:
     * {@link #quser()} for {@link TargetFamily#WINDOWS} (the PsExec runner, the SSH runner set up for
     * PowerShell targets, the local runner on a Windows coordinator), {@link #who()} for any other
     * family, {@link TargetFamily#UNKNOWN} included.
     *
     * @param runner the runner the query will go through
     * @return the query
     */
    public static LoggedOnQuery forRunner(RemoteRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return runner.targetFamily() == TargetFamily.WINDOWS ? quser() : who();
    }

    /**
     * Runs another command that prints the same format, for example {@code query user}, a full path,
     * or {@code ssh host who}.
     *
     * @param executable the program
     * @param arguments its arguments
     * @return a copy with that command
     * @throws IllegalArgumentException if the executable is empty or a value contains NUL
     */
    public LoggedOnQuery withCommand(String executable, String... arguments) {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(arguments, "arguments");
        List<String> all = new ArrayList<>(arguments.length + 1);
        all.add(executable);
        all.addAll(Arrays.asList(arguments));
        return withCommand(all);
    }

    /**
     * Runs another command that prints the same format, given as a list: executable, then arguments.
     *
     * @param newCommand executable and arguments
     * @return a copy with that command
     * @throws IllegalArgumentException if the list or the executable is empty or a value contains NUL
     */
    public LoggedOnQuery withCommand(List<String> newCommand) {
        Objects.requireNonNull(newCommand, "newCommand");
        if (newCommand.isEmpty() || Objects.requireNonNull(newCommand.get(0), "executable").isEmpty()) {
            throw new IllegalArgumentException(reader.format() + " query: the executable is empty");
        }
        for (int i = 0; i < newCommand.size(); i++) {
            if (Objects.requireNonNull(newCommand.get(i), "command element " + i).indexOf('\0') >= 0) {
                throw new IllegalArgumentException(reader.format() + " query: "
                        + (i == 0 ? "the executable" : "argument " + i) + " contains a NUL character");
            }
        }
        return new LoggedOnQuery(List.copyOf(newCommand), charset, reader);
    }

    /**
     * Decodes the command's output with another character set.
     *
     * @param newCharset the encoding the targets print in
     * @return a copy with that character set
     */
    public LoggedOnQuery withCharset(Charset newCharset) {
        return new LoggedOnQuery(command, Objects.requireNonNull(newCharset, "newCharset"), reader);
    }

    /**
     * quser only: also takes a line that starts with {@code message} (compared without case) as
     * "nobody is logged on", for a translated Windows; the English {@value #QUSER_NO_USER_MESSAGE} is
     * always known.
     *
     * @param message the start of the message, e.g. as the targets print it for {@code quser}
     * @return a copy that knows the message
     * @throws IllegalArgumentException if the message is blank
     * @throws IllegalStateException if this is not a quser query
     */
    public LoggedOnQuery withNoUserMessage(String message) {
        return new LoggedOnQuery(command, charset, quserReader("withNoUserMessage")
                .withNoUserMessage(nonBlank(message, "message")));
    }

    /**
     * quser only: also takes {@code state} (compared without case) as the STATE of a disconnected
     * session, for a translated Windows; the English {@value #QUSER_DISCONNECTED_STATE} is always
     * known. It matters only with {@link InUseCheck.Builder#activeSessionsOnly}.
     *
     * @param state the state as the targets print it
     * @return a copy that knows the state
     * @throws IllegalArgumentException if the state is blank or contains white space
     * @throws IllegalStateException if this is not a quser query
     */
    public LoggedOnQuery withDisconnectedState(String state) {
        LoggedOnQuser quser = quserReader("withDisconnectedState");
        if (nonBlank(state, "state").chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a quser state is one word, got '" + state + "'");
        }
        return new LoggedOnQuery(command, charset, quser.withDisconnectedState(state));
    }

    /** @return the executable followed by its arguments */
    public List<String> command() {
        return command;
    }

    /** @return how the output is decoded */
    public Charset charset() {
        return charset;
    }

    /** @return the output format: {@code quser} or {@code who} */
    public String format() {
        return reader.format();
    }

    /** The reader of the output format. */
    LoggedOnReader reader() {
        return reader;
    }

    private LoggedOnQuser quserReader(String method) {
        if (reader instanceof LoggedOnQuser) {
            return (LoggedOnQuser) reader;
        }
        throw new IllegalStateException(method + " applies to a quser query, not to " + reader.format());
    }

    private static String nonBlank(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return reader.format() + " query: " + String.join(" ", command);
    }
}
