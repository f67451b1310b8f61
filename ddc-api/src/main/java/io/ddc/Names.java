package io.ddc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** Validation of the names that end up in file names, trace lines and launcher command lines. */
final class Names {
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final String SHELL_METACHARACTERS = ";&|<>()$`'\"*?[]{}!~#%^";
    /** ',' separates names in trace lines and PsExec computer lists; '@' names a PsExec list file. */
    private static final String RESERVED = ",@=";

    private Names() {}

    /**
     * Checks a probe or experiment name.
     *
     * @param kind "probe" or "experiment", used in the message
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    static String requireName(String kind, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name is empty: use 1 to " + MAX_NAME_LENGTH
                    + " of the characters A-Z a-z 0-9 . _ -");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(kind + " name " + quote(name) + " is " + name.length()
                    + " characters long: at most " + MAX_NAME_LENGTH + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw new IllegalArgumentException(kind + " name " + quote(name) + " contains "
                        + describe(c) + ": use only the characters A-Z a-z 0-9 . _ -");
            }
        }
        char first = name.charAt(0);
        if (first == '.' || first == '-') {
            throw new IllegalArgumentException(kind + " name " + quote(name) + " starts with '" + first
                    + "': start it with a letter, a digit or '_'");
        }
        if (isWindowsDeviceName(name)) {
            throw new IllegalArgumentException(kind + " name " + quote(name) + DEVICE_NAME_PROBLEM);
        }
        return name;
    }

    private static final String DEVICE_NAME_PROBLEM =
            " is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9) and cannot name a file";

    /** Windows opens a device, not a file, for these names, with or without an extension. */
    static boolean isWindowsDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(java.util.Locale.ROOT);
        switch (base) {
            case "CON":
            case "PRN":
            case "AUX":
            case "NUL":
                return true;
            default:
                return base.length() == 4 && (base.startsWith("COM") || base.startsWith("LPT"))
                        && base.charAt(3) >= '1' && base.charAt(3) <= '9';
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /**
     * Returns why {@code name} is not an acceptable target, or null when it is.
     * The checks for characters that could turn a name into an option, a path or a shell word come
     * first, so that the message names the real danger rather than a generic syntax rule.
     */
    static @Nullable String targetProblem(String name) {
        if (name.isEmpty()) {
            return "target name is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "target " + quote(name) + " contains a control character (" + codePoint(c) + ")";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isWhitespace(name.charAt(i)) || Character.isSpaceChar(name.charAt(i))) {
                return "target " + quote(name) + " contains whitespace";
            }
        }
        if (name.charAt(0) == '-') {
            return "target " + quote(name) + " starts with '-' and could be taken for an option";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            char c = name.indexOf('/') >= 0 ? '/' : '\\';
            return "target " + quote(name) + " contains '" + c + "', which could make it a path";
        }
        if (name.contains("..")) {
            return "target " + quote(name) + " contains '..', which could make it a path";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (SHELL_METACHARACTERS.indexOf(c) >= 0) {
                return "target " + quote(name) + " contains the shell metacharacter '" + c + "'";
            }
            if (RESERVED.indexOf(c) >= 0) {
                return "target " + quote(name) + " contains '" + c + "', which trace lines and launchers reserve";
            }
        }
        if (name.length() > MAX_HOST_LENGTH) {
            return "target " + quote(name) + " is " + name.length() + " characters long: a host name has at most "
                    + MAX_HOST_LENGTH;
        }
        if (name.indexOf(':') >= 0) {
            return ipv6Problem(name);
        }
        if (looksLikeIpv4(name)) {
            return ipv4Problem(name);
        }
        String hostProblem = hostNameProblem(name);
        if (hostProblem == null && isWindowsDeviceName(name)) {
            return "target " + quote(name) + DEVICE_NAME_PROBLEM;
        }
        return hostProblem;
    }

    private static @Nullable String ipv6Problem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == ':' || c == '.' || isAsciiHexDigit(c);
            if (!ok) {
                return "target " + quote(name) + " contains ':' but is not an IPv6 address";
            }
        }
        if (name.charAt(0) == '.') {
            return "target " + quote(name) + " is not a valid IPv6 address";
        }
        try {
            // only ASCII hex digits, ':' and '.' remain and the first is a digit or ':', so the JDK
            // parses a literal and never asks DNS
            InetAddress.getByName(name);
            return null;
        } catch (UnknownHostException e) {
            return "target " + quote(name) + " is not a valid IPv6 address";
        }
    }

    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean looksLikeIpv4(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String ipv4Problem(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return "target " + quote(name) + " is not a valid IPv4 address (it needs 4 numbers)";
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return "target " + quote(name) + " is not a valid IPv4 address ('" + part + "' is not 0 to 255)";
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return "target " + quote(name) + " is not a valid IPv4 address ('" + part
                        + "' has a leading zero, which some tools read as octal)";
            }
        }
        return null;
    }

    private static @Nullable String hostNameProblem(String name) {
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "target " + quote(name) + " has an empty label between dots";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "target " + quote(name) + " has a label longer than " + MAX_LABEL_LENGTH + " characters";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return "target " + quote(name) + " contains " + describe(c)
                            + ", which is not allowed in a host name (RFC 1123)";
                }
            }
            if (label.charAt(label.length() - 1) == '-' || label.charAt(0) == '-') {
                return "target " + quote(name) + " has a label that starts or ends with '-' (RFC 1123)";
            }
        }
        return null;
    }

    /** Quotes a value for a message, escaping what a terminal would not show. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? "a " + (Character.isISOControl(c) ? "control character" : "space") + " (" + codePoint(c) + ")"
                : "'" + c + "' (" + codePoint(c) + ")";
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
