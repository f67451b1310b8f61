package io.ddc.parsers;

import java.util.OptionalLong;

/** Small text helpers shared by the parsers. */
final class Texts {
    private static final int EXCERPT = 60;

    private Texts() {}

    /** @return true for space, tab and the control characters, as {@link String#trim()} sees them */
    static boolean blank(char c) {
        return c <= ' ';
    }

    /** @return {@code text[from, to)} without blanks at either end */
    static String trimmed(String text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return start == end ? "" : text.substring(start, end);
    }

    /** @return a short quoted excerpt of {@code text[from, to)} for a message, as a Java string literal would show it */
    static String excerpt(String text, int from, int to) {
        StringBuilder out = new StringBuilder(EXCERPT + 8).append('"');
        int end = Math.min(to, from + EXCERPT);
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (end < to) {
            out.append("... (").append(to - from).append(" characters)");
        }
        return out.toString();
    }

    /** @return {@link #excerpt} of the whole string */
    static String excerpt(String text) {
        return excerpt(text, 0, text.length());
    }

    /**
     * Reads the whole number a value starts with: its first word, digits with an optional sign and
     * an optional {@code %} after them ({@code "16318332 kB"}, {@code "38 (Min/Max 22/40)"},
     * {@code "9%"}).
     *
     * @param value a trimmed value
     * @param what names the value in the message, e.g. {@code "MemTotal" on line 3}
     * @return the number, or empty for an empty value
     * @throws NumberFormatException if the first word is not such a number, or does not fit a long
     */
    static OptionalLong leadingLong(String value, String what) {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        int end = 0;
        while (end < value.length() && value.charAt(end) > ' ') {
            end++;
        }
        int digitsEnd = end > 1 && value.charAt(end - 1) == '%' ? end - 1 : end;
        int digitsStart = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        boolean digits = digitsEnd > digitsStart;
        for (int i = digitsStart; i < digitsEnd && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (digits) {
            try {
                return OptionalLong.of(Long.parseLong(value.substring(0, digitsEnd)));
            } catch (NumberFormatException tooLong) {
                throw new NumberFormatException(what + " does not fit a long: " + excerpt(value));
            }
        }
        throw new NumberFormatException(what + " does not start with a whole number: " + excerpt(value));
    }
}
