package io.ddc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a probe's trace file: the outcome of one iteration for that probe. Immutable.
 *
 * <p>The textual form is exact, whatever the default locale:
 *
 * <pre>
 * &lt;iteration id&gt;|&lt;#succeeded&gt;|&lt;#failed&gt;|&lt;#unavailable&gt;|&lt;%succeeded&gt;|&lt;seconds&gt;|&lt;succeeded list&gt;|&lt;failed list&gt;|&lt;unavailable list&gt;|
 * 1081948390|2|0|1|66.7|381.9|m01,m02,| |m12,|
 * </pre>
 *
 * <p>{@code %succeeded} is 100 × succeeded / (succeeded + failed + unavailable) and {@code seconds}
 * the iteration's wall-clock time, both with one decimal, rounded half up, {@code .} as separator; a
 * list is each name followed by a comma, and an empty list is a single space.
 *
 * @param iterationId the iteration
 * @param elapsed the iteration's wall-clock duration (a parsed line keeps tenths of a second)
 * @param succeeded targets where the probe SUCCEEDED, in pool order
 * @param failed targets where it FAILED
 * @param unavailable targets that were UNAVAILABLE
 */
public record TraceLine(long iterationId, Duration elapsed, List<String> succeeded, List<String> failed,
        List<String> unavailable) {

    private static final int FIELDS = 9;

    /**
     * Copies the lists and checks the components.
     *
     * @throws IllegalArgumentException if the elapsed time is negative or a name is empty or
     *     contains {@code ,}, {@code |} or whitespace
     */
    public TraceLine {
        if (iterationId < 0) {
            throw new IllegalArgumentException("iteration id must not be negative, got " + iterationId);
        }
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        }
        succeeded = checkedNames(succeeded, "succeeded");
        failed = checkedNames(failed, "failed");
        unavailable = checkedNames(unavailable, "unavailable");
    }

    private static List<String> checkedNames(List<String> names, String list) {
        List<String> copy = List.copyOf(Objects.requireNonNull(names, list));
        for (String name : copy) {
            if (name.isEmpty() || !isListable(name)) {
                throw new IllegalArgumentException("bad name in the " + list + " list: '" + name + "'");
            }
        }
        return copy;
    }

    /** A name in a list may hold neither a separator nor anything a line-based reader would split on. */
    private static boolean isListable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == '|' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** @return succeeded + failed + unavailable */
    public int total() {
        return succeeded.size() + failed.size() + unavailable.size();
    }

    /** @return 100 × succeeded / total, or 0 when the total is 0 */
    public double percentSucceeded() {
        return total() == 0 ? 0 : 100.0 * succeeded.size() / total();
    }

    /**
     * Returns the exact textual form, without the line terminator.
     *
     * @return the line
     */
    public String format() {
        long percentTenths = percentTenths(succeeded.size(), total());
        long secondsTenths = (elapsed.toMillis() + 50) / 100;
        StringBuilder line = new StringBuilder(64 + 16 * total());
        line.append(iterationId).append('|')
                .append(succeeded.size()).append('|')
                .append(failed.size()).append('|')
                .append(unavailable.size()).append('|');
        appendTenths(line, percentTenths).append('|');
        appendTenths(line, secondsTenths).append('|');
        appendList(line, succeeded).append('|');
        appendList(line, failed).append('|');
        appendList(line, unavailable).append('|');
        return line.toString();
    }

    private static long percentTenths(int succeeded, int total) {
        return total == 0 ? 0 : (2000L * succeeded + total) / (2L * total);
    }

    private static StringBuilder appendTenths(StringBuilder out, long tenths) {
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static StringBuilder appendList(StringBuilder out, List<String> names) {
        if (names.isEmpty()) {
            return out.append(' ');
        }
        for (String name : names) {
            out.append(name).append(',');
        }
        return out;
    }

    /**
     * Parses the textual form (without line terminator), checking that the counts and the
     * percentage agree with the lists.
     *
     * @param line one line of a trace file
     * @return the trace line
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static TraceLine parse(String line) {
        Objects.requireNonNull(line, "line");
        String[] fields = new String[FIELDS];
        int start = 0;
        for (int i = 0; i < FIELDS; i++) {
            int bar = line.indexOf('|', start);
            if (bar < 0) {
                throw new IllegalArgumentException("trace line has " + i + " fields, expected " + FIELDS);
            }
            fields[i] = line.substring(start, bar);
            start = bar + 1;
        }
        if (start != line.length()) {
            throw new IllegalArgumentException("trace line has text after its last '|'");
        }
        long id = parseNumber(fields[0], "iteration id");
        List<String> succeeded = parseList(fields[6], "succeeded");
        List<String> failed = parseList(fields[7], "failed");
        List<String> unavailable = parseList(fields[8], "unavailable");
        checkCount(fields[1], succeeded, "succeeded");
        checkCount(fields[2], failed, "failed");
        checkCount(fields[3], unavailable, "unavailable");
        long percent = parseTenths(fields[4], "%succeeded");
        long expectedPercent = percentTenths(succeeded.size(), succeeded.size() + failed.size() + unavailable.size());
        if (percent != expectedPercent) {
            throw new IllegalArgumentException("trace line says " + fields[4] + "% succeeded, its lists give "
                    + appendTenths(new StringBuilder(), expectedPercent));
        }
        long secondsTenths = parseTenths(fields[5], "seconds");
        return new TraceLine(id, Duration.ofMillis(secondsTenths * 100), succeeded, failed, unavailable);
    }

    private static long parseNumber(String field, String what) {
        if (field.isEmpty() || field.length() > 19) {
            throw new IllegalArgumentException("bad " + what + " '" + field + "'");
        }
        long value = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad " + what + " '" + field + "'");
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                throw new IllegalArgumentException("bad " + what + " '" + field + "': too large");
            }
        }
        return value;
    }

    private static long parseTenths(String field, String what) {
        int dot = field.length() - 2;
        if (dot < 1 || field.charAt(dot) != '.') {
            throw new IllegalArgumentException("bad " + what + " '" + field + "': expected one decimal");
        }
        return parseNumber(field.substring(0, dot), what) * 10 + parseNumber(field.substring(dot + 1), what);
    }

    private static List<String> parseList(String field, String what) {
        if (field.equals(" ")) {
            return List.of();
        }
        if (field.isEmpty() || field.charAt(field.length() - 1) != ',') {
            throw new IllegalArgumentException("bad " + what + " list '" + field
                    + "': expected names each followed by ',' or a single space");
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        while (start < field.length()) {
            int comma = field.indexOf(',', start);
            if (comma == start) {
                throw new IllegalArgumentException("bad " + what + " list '" + field + "': empty name");
            }
            names.add(field.substring(start, comma));
            start = comma + 1;
        }
        return names;
    }

    private static void checkCount(String field, List<String> names, String what) {
        long count = parseNumber(field, "#" + what);
        if (count != names.size()) {
            throw new IllegalArgumentException("trace line counts " + count + " " + what + " but lists " + names.size());
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
