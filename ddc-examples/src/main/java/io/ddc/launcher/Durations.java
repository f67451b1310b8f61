package io.ddc.launcher;

import java.time.Duration;
import java.util.Objects;

/**
 * The launcher's durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, and combinations
 * of them from the largest unit to the smallest, such as {@code 1h30m} or {@code 2m30s}.
 *
 * <p>Grammar: one or more parts, each a whole number of decimal digits followed by a unit, with
 * units {@code h}, {@code m}, {@code s}, {@code ms} (lower case), each at most once and in that
 * order; no sign, no fraction, no space. A duration is at most {@link #MAXIMUM} (ten years). So
 * {@code 0s} is a duration (each option then says whether zero is allowed), while {@code 1.5h},
 * {@code 5 m}, {@code 5M}, {@code 30}, {@code 1d}, {@code 30m1h} and {@code 1m1m} are not.
 *
 * <p>Stateless and thread-safe.
 */
final class Durations {
    /** The longest duration accepted, so that no arithmetic on it can overflow. */
    static final Duration MAXIMUM = Duration.ofHours(87_600);
    /** What the messages show as examples of the grammar. */
    static final String EXAMPLES = "500ms, 30s, 5m, 1h or 1h30m";

    /** Units from the largest to the smallest: the order in which they must be written. */
    private static final String[] UNITS = {"h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {3_600_000L, 60_000L, 1_000L, 1L};
    /** More digits than this cannot stay under {@link #MAXIMUM} in any unit. */
    private static final int MAX_DIGITS = 12;

    private Durations() {}

    /**
     * Reads a duration.
     *
     * @param text such as {@code 30s} or {@code 1h30m}
     * @return the duration, zero or positive, at most {@link #MAXIMUM}
     * @throws IllegalArgumentException quoting the text and saying what is wrong with it
     */
    static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        long millis = 0;
        int lastUnit = -1;
        int i = 0;
        if (text.isEmpty()) {
            throw notADuration(text);
        }
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == digitsStart || i - digitsStart > MAX_DIGITS && !allZeros(text, digitsStart, i - MAX_DIGITS)) {
                throw i == digitsStart ? notADuration(text) : tooLong(text);
            }
            long number = Long.parseLong(text.substring(digitsStart, i));
            int unit = unitAt(text, i);
            if (unit < 0) {
                throw notADuration(text);
            }
            if (unit <= lastUnit) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: write each unit once, from the"
                        + " largest to the smallest (h, m, s, ms), such as 1h30m or 2m30s");
            }
            lastUnit = unit;
            i += UNITS[unit].length();
            if (number > MAXIMUM.toMillis() / UNIT_MILLIS[unit]) {
                throw tooLong(text);
            }
            millis += number * UNIT_MILLIS[unit];
            if (millis > MAXIMUM.toMillis()) {
                throw tooLong(text);
            }
        }
        return Duration.ofMillis(millis);
    }

    /**
     * Writes a duration in the grammar that {@link #parse} reads, with the largest units first:
     * {@code 1h30m}, {@code 2s}, {@code 1s500ms}, {@code 0s}.
     *
     * @param duration zero or positive; anything below a millisecond is left out
     * @return the text
     * @throws IllegalArgumentException if the duration is negative
     */
    static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
        long rest = duration.toMillis();
        if (rest == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        for (int unit = 0; unit < UNITS.length; unit++) {
            long count = rest / UNIT_MILLIS[unit];
            if (count > 0) {
                text.append(count).append(UNITS[unit]);
                rest -= count * UNIT_MILLIS[unit];
            }
        }
        return text.toString();
    }

    /** @return the index in {@link #UNITS} of the unit that starts at {@code i} and ends a part, or -1 */
    private static int unitAt(String text, int i) {
        if (text.startsWith("ms", i)) {
            return endsPart(text, i + 2) ? 3 : -1;
        }
        for (int unit = 0; unit < 3; unit++) {
            if (text.startsWith(UNITS[unit], i)) {
                return endsPart(text, i + 1) ? unit : -1;
            }
        }
        return -1;
    }

    /** A unit is followed by the end or by the digits of the next part. */
    private static boolean endsPart(String text, int i) {
        return i == text.length() || text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    private static boolean allZeros(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: write a whole number and a unit (ms, s,"
                + " m, h), such as " + EXAMPLES);
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is too long: a duration is at most "
                + format(MAXIMUM) + " (10 years)");
    }
}
