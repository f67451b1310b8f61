package io.ddc.inuse;

/**
 * The output of a logged-on query could not be read; the message says what was wrong, quoting a
 * short piece of the output. Never leaves the package: {@link InUseCheck} turns it into a reason.
 */
final class LoggedOnNotUnderstood extends Exception {
    private static final long serialVersionUID = 1L;
    /** Characters of the output quoted in a message at most. */
    private static final int QUOTE_LIMIT = 120;

    LoggedOnNotUnderstood(String message) {
        super(message, null, false, false);
    }

    /**
     * Quotes a piece of output for a message: control characters shown as {@code \\uXXXX}, cut after
     * {@value #QUOTE_LIMIT} characters.
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append(text.length() > QUOTE_LIMIT ? "...'" : "'").toString();
    }

    /**
     * The first non-blank line of the first output that has one, quoted after {@code ": "}, or
     * nothing; for messages about a query that printed something unexpected.
     */
    static String firstLineOf(String... outputs) {
        for (String output : outputs) {
            for (String line : output.split("\\R")) {
                if (!line.isBlank()) {
                    return ": " + quote(line.strip());
                }
            }
        }
        return "";
    }
}
