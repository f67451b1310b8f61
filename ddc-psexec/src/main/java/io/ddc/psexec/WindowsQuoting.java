package io.ddc.psexec;

/**
 * Quotes one argument so that a Windows program splits it back out of its command line unchanged.
 *
 * <p>A Windows process receives one command-line string, not an array of arguments. PsExec hands
 * the remote service a command line for the program, and the program's C runtime (or
 * {@code CommandLineToArgvW}) splits it again by these rules: space and tab separate arguments;
 * text between double quotes is one argument; {@code \"} is a literal double quote; backslashes are
 * literal unless they come before a double quote, where each pair stands for one backslash. So an
 * argument is written as it is when it is non-empty and holds no space, tab, line feed, vertical tab
 * or double quote; otherwise it is wrapped in double quotes, every double quote inside becomes
 * {@code \"}, and the backslashes just before a double quote or before the closing quote are
 * doubled.
 *
 * <p>{@code &}, {@code |}, {@code <}, {@code >}, {@code ^} and {@code %} mean nothing to these
 * rules and are left alone: the remote program is started directly, not through a shell. A probe
 * that runs {@code cmd /c ...} hands its arguments to {@code cmd.exe}, whose own rules (expansion of
 * {@code %VAR%}, {@code ^} escapes, operators outside quotes) this class does not apply.
 *
 * <p>Windows file names cannot contain a double quote, so for the program name, which the C runtime
 * parses without backslash escapes, the result is the same. Stateless and thread-safe.
 */
final class WindowsQuoting {
    private WindowsQuoting() {}

    /**
     * Quotes one argument.
     *
     * @param argument any text without NUL, carriage return or line feed (checked by the caller)
     * @return the text to put on a Windows command line
     */
    static String quote(String argument) {
        if (!argument.isEmpty() && !needsQuotes(argument)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder(argument.length() + 8).append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
            } else if (c == '"') {
                // each backslash before a quote is doubled, and one more escapes the quote itself
                appendBackslashes(quoted, 2 * backslashes + 1);
                quoted.append('"');
                backslashes = 0;
            } else {
                appendBackslashes(quoted, backslashes);
                quoted.append(c);
                backslashes = 0;
            }
        }
        // backslashes before the closing quote would escape it: double them
        appendBackslashes(quoted, 2 * backslashes);
        return quoted.append('"').toString();
    }

    private static boolean needsQuotes(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            switch (argument.charAt(i)) {
                case ' ', '\t', '\n', '\u000B', '"':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static void appendBackslashes(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('\\');
        }
    }
}
