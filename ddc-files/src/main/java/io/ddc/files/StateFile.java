package io.ddc.files;

import io.ddc.DdcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The experiment's state file, {@code <root>/<experiment>/.state}: what a restarted coordinator
 * needs to resume. It is small, ASCII, one {@code key=value} per line, and replaced as a whole after
 * every iteration (by the engine): written to {@code .state.tmp} in the same folder, forced to disk, renamed over
 * {@code .state} in one atomic move, and the folder forced, so a crash leaves either the old or
 * the new file, never a mix.
 *
 * <pre>
 * # DDC experiment state: rewritten after every iteration, read when the experiment starts again
 * format=1
 * experiment=lab
 * phase=2004-04-14T13:13:10Z
 * last-iteration=1081948450
 * targets=m01,m02,m03,
 * probe=load cat /proc/loadavg
 * probe=hello sh -c echo%20%22hello%20from%20$DDC_TARGET%22
 * succeeded=load m01,m02,
 * </pre>
 *
 * <ul>
 *   <li>{@code format}: 1, the first line after the comments; another number is refused;</li>
 *   <li>{@code experiment}: the experiment's name, for the reader's benefit;</li>
 *   <li>{@code phase}: t0 of the periodic slot grid (iteration k starts at phase + k × interval),
 *       an ISO-8601 UTC instant;</li>
 *   <li>{@code last-iteration}: the id of the last iteration whose trace lines were written, or
 *       {@code -} before the first;</li>
 *   <li>{@code targets}: the target pool, in its order, each followed by a comma (as in trace
 *       lines); absent from files written before it was kept, which read as an unknown pool;</li>
 *   <li>{@code probe}, once per probe in declaration order: its name, a space, and its command,
 *       each argument percent-encoded (UTF-8 bytes outside {@code !} to {@code ~}, and {@code %}
 *       and {@code "}, become {@code %XX}; an empty argument is {@code ""}), separated by single
 *       spaces;</li>
 *   <li>{@code succeeded}, at most once per probe: its name, a space, and the targets where it
 *       has SUCCEEDED at least once, each followed by a comma (as in trace lines).</li>
 * </ul>
 *
 * <p>Blank lines and lines starting with {@code #} are ignored. Anything else is damage: the reader
 * refuses the file rather than guess. Thread-safe (no state).
 */
public final class StateFile {
    /** The state file's name in the experiment folder. */
    public static final String NAME = ".state";
    /** Where a new state is written before it replaces the old one. */
    public static final String TEMPORARY = ".state.tmp";
    /** The format this version reads and writes. */
    public static final int FORMAT = 1;
    private static final int MAX_SIZE = 64 << 20;
    private static final String COMMENT =
            "# DDC experiment state: rewritten after every iteration, read when the experiment starts again";

    private StateFile() {}

    /**
     * What the state file holds.
     *
     * @param experiment the experiment's name
     * @param phase t0 of the periodic slot grid
     * @param lastIteration the last iteration whose trace lines were written, if any
     * @param targets the target pool, in order; empty if the file did not say
     * @param probes each probe's command, by probe name in declaration order
     * @param succeeded by probe name, the targets where the probe has SUCCEEDED (compared without
     *     case, as host names are)
     */
    public record State(String experiment, Instant phase, OptionalLong lastIteration, List<String> targets,
            Map<String, List<String>> probes, Map<String, Set<String>> succeeded) {
        /**
         * Copies the collections and checks the components.
         *
         * @param experiment the experiment's name
         * @param phase t0 of the periodic slot grid
         * @param lastIteration the last iteration whose trace lines were written, if any
         * @param targets the target pool, in order; empty if the file did not say
         * @param probes each probe's command, by probe name in declaration order
         * @param succeeded by probe name, the targets where the probe has SUCCEEDED (compared without
         *     case, as host names are)
         */
        public State {
            Objects.requireNonNull(experiment, "experiment");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(lastIteration, "lastIteration");
            targets = List.copyOf(targets);
            Map<String, List<String>> probesCopy = new LinkedHashMap<>();
            probes.forEach((name, command) -> probesCopy.put(name, List.copyOf(command)));
            probes = Collections.unmodifiableMap(probesCopy);
            Map<String, Set<String>> succeededCopy = new LinkedHashMap<>();
            succeeded.forEach((probe, where) -> {
                Set<String> copy = newTargetSet();
                copy.addAll(where);
                succeededCopy.put(probe, Collections.unmodifiableSet(copy));
            });
            succeeded = Collections.unmodifiableMap(succeededCopy);
        }
    }

    /** @return an empty, sorted set of target names that compares them without case */
    public static Set<String> newTargetSet() {
        return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    }

    /**
     * Reads the state file of an experiment folder.
     *
     * @param file the state file
     * @return the state, or empty if there is no state file
     * @throws DdcException naming the file and what is wrong, if it is damaged
     * @throws IOException if it cannot be read
     */
    public static Optional<State> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_SIZE) {
            throw damaged(file, "larger than " + (MAX_SIZE >> 20) + " MiB");
        }
        try {
            return Optional.of(parse(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw damaged(file, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private static DdcException damaged(Path file, String what) {
        return new DdcException("experiment state file " + file + " is damaged (" + what + "); nothing was changed:"
                + " remove it to resume from the trace files, or start with freshStart(true) (the launcher's --fresh-start) to move the folder"
                + " aside and start over");
    }

    /**
     * Formats a state as the file holds it.
     *
     * @param state the state
     * @return the file's bytes
     */
    public static byte[] format(State state) {
        StringBuilder text = new StringBuilder(256)
                .append(COMMENT).append('\n')
                .append("format=").append(FORMAT).append('\n')
                .append("experiment=").append(state.experiment()).append('\n')
                .append("phase=").append(state.phase()).append('\n')
                .append("last-iteration=");
        if (state.lastIteration().isPresent()) {
            text.append(state.lastIteration().getAsLong());
        } else {
            text.append('-');
        }
        text.append('\n');
        if (!state.targets().isEmpty()) {
            text.append("targets=");
            state.targets().forEach(target -> text.append(target).append(','));
            text.append('\n');
        }
        state.probes().forEach((name, command) -> {
            text.append("probe=").append(name);
            for (String argument : command) {
                text.append(' ').append(encode(argument));
            }
            text.append('\n');
        });
        state.succeeded().forEach((probe, targets) -> {
            if (!targets.isEmpty() && state.probes().containsKey(probe)) {
                text.append("succeeded=").append(probe).append(' ');
                targets.forEach(target -> text.append(target).append(','));
                text.append('\n');
            }
        });
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses the file's bytes.
     *
     * @param bytes the file's content
     * @return the state it holds
     * @throws IllegalArgumentException saying what is wrong, with the line number
     */
    public static State parse(byte[] bytes) {
        String experiment = null;
        Instant phase = null;
        OptionalLong lastIteration = null;
        List<String> targets = null;
        boolean formatSeen = false;
        Map<String, List<String>> probes = new LinkedHashMap<>();
        Map<String, Set<String>> succeeded = new LinkedHashMap<>();
        List<String> lines = lines(bytes);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("line " + number + ": expected key=value");
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (!formatSeen) {
                if (!key.equals("format")) {
                    throw new IllegalArgumentException("line " + number + ": expected format=" + FORMAT + " first");
                }
                if (!value.equals(String.valueOf(FORMAT))) {
                    throw new IllegalArgumentException("line " + number + ": format '" + value
                            + "' is not understood by this version, which reads format " + FORMAT);
                }
                formatSeen = true;
                continue;
            }
            switch (key) {
                case "experiment":
                    experiment = once(experiment, value, number, key);
                    break;
                case "phase":
                    try {
                        phase = once(phase, Instant.parse(value), number, key);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("line " + number + ": bad phase '" + value + "'", e);
                    }
                    break;
                case "last-iteration":
                    lastIteration = once(lastIteration, value.equals("-") ? OptionalLong.empty()
                            : OptionalLong.of(number(value, number, key)), number, key);
                    break;
                case "targets":
                    targets = once(targets, targetList(value, number, "targets=<target>,<target>,..."), number, key);
                    break;
                case "probe":
                    parseProbe(value, number, probes);
                    break;
                case "succeeded":
                    parseSucceeded(value, number, probes, succeeded);
                    break;
                default:
                    throw new IllegalArgumentException("line " + number + ": unknown key '" + key + "'");
            }
        }
        if (!formatSeen) {
            throw new IllegalArgumentException("no format line");
        }
        if (experiment == null || phase == null || lastIteration == null || probes.isEmpty()) {
            String missing = experiment == null ? "experiment" : phase == null ? "phase"
                    : lastIteration == null ? "last-iteration" : "probe";
            throw new IllegalArgumentException("no '" + missing + "' line");
        }
        return new State(experiment, phase, lastIteration, targets == null ? List.of() : targets, probes, succeeded);
    }

    /** Splits ASCII lines; any other byte (a NUL left by a crash, binary garbage) is damage. */
    private static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
                start = i + 1;
            } else if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\t') {
                throw new IllegalArgumentException("line " + (lines.size() + 1) + ": unexpected byte 0x"
                        + String.format(java.util.Locale.ROOT, "%02x", b));
            }
        }
        if (start < bytes.length) {
            throw new IllegalArgumentException("line " + (lines.size() + 1) + ": no newline at the end of the file");
        }
        return lines;
    }

    private static <T> T once(@Nullable T previous, T value, int number, String key) {
        if (previous != null) {
            throw new IllegalArgumentException("line " + number + ": '" + key + "' appears twice");
        }
        return value;
    }

    private static long number(String value, int number, String key) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("line " + number + ": bad " + key + " '" + value + "'");
    }

    private static void parseProbe(String value, int number, Map<String, List<String>> probes) {
        String[] words = value.split(" ", -1);
        if (words.length < 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": expected probe=<name> <command>");
        }
        List<String> command = new ArrayList<>(words.length - 1);
        for (int i = 1; i < words.length; i++) {
            command.add(decode(words[i], number));
        }
        if (probes.put(words[0], command) != null) {
            throw new IllegalArgumentException("line " + number + ": probe '" + words[0] + "' appears twice");
        }
    }

    private static void parseSucceeded(String value, int number, Map<String, List<String>> probes,
            Map<String, Set<String>> succeeded) {
        int space = value.indexOf(' ');
        String probe = space < 0 ? value : value.substring(0, space);
        String list = space < 0 ? "" : value.substring(space + 1);
        if (!probes.containsKey(probe)) {
            throw new IllegalArgumentException("line " + number + ": 'succeeded' names probe '" + probe
                    + "', which has no 'probe' line before it");
        }
        Set<String> targets = newTargetSet();
        targets.addAll(targetList(list, number, "succeeded=<probe> <target>,<target>,..."));
        if (succeeded.put(probe, targets) != null) {
            throw new IllegalArgumentException("line " + number + ": 'succeeded' for probe '" + probe + "' appears twice");
        }
    }

    /** Reads a list of target names, each followed by a comma, as in trace lines. */
    private static List<String> targetList(String list, int number, String expected) {
        if (list.isEmpty() || !list.endsWith(",") || list.startsWith(",") || list.contains(",,")
                || list.contains(" ")) {
            throw new IllegalArgumentException("line " + number + ": expected " + expected);
        }
        return List.of(list.substring(0, list.length() - 1).split(","));
    }

    /**
     * Percent-encodes one argument of a probe's command so that it is one word of printable ASCII,
     * as a {@code probe} line holds it.
     *
     * @param argument any text
     * @return the word; {@code ""} for an empty argument
     */
    public static String encode(String argument) {
        if (argument.isEmpty()) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(argument.length() + 8);
        PercentEncoding.encode(argument, "\"", out);
        return out.toString();
    }

    private static String decode(String word, int number) {
        if (word.equals("\"\"")) {
            return "";
        }
        if (word.isEmpty() || word.indexOf('"') >= 0) {
            throw new IllegalArgumentException("line " + number + ": bad command word '" + word + "'");
        }
        try {
            return PercentEncoding.decode(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + " in command word '" + word
                    + "'", e);
        }
    }
}
