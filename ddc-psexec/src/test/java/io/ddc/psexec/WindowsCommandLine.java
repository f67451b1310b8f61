package io.ddc.psexec;

import java.util.ArrayList;
import java.util.List;

/**
 * The Microsoft C runtime's rules for splitting a command line into arguments ("Parsing C++
 * command-line arguments"), written independently of {@link WindowsQuoting}: the tests check the
 * quoting against it, and the PsExec double splits the remote command line with it.
 */
final class WindowsCommandLine {
    private WindowsCommandLine() {}

    /**
     * Splits a command line by the Windows rules.
     *
     * @param line the command line
     * @return its arguments
     */
    static List<String> split(String line) {
        List<String> arguments = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                return arguments;
            }
            StringBuilder argument = new StringBuilder();
            boolean inQuotes = false;
            while (i < n) {
                char c = line.charAt(i);
                if (!inQuotes && (c == ' ' || c == '\t')) {
                    break;
                }
                if (c == '\\') {
                    int start = i;
                    while (i < n && line.charAt(i) == '\\') {
                        i++;
                    }
                    int count = i - start;
                    if (i < n && line.charAt(i) == '"') {
                        argument.append("\\".repeat(count / 2));
                        if (count % 2 == 1) {
                            argument.append('"');
                            i++;
                        }
                    } else {
                        argument.append("\\".repeat(count));
                    }
                } else if (c == '"') {
                    if (inQuotes && i + 1 < n && line.charAt(i + 1) == '"') {
                        argument.append('"');
                        i += 2;
                    } else {
                        inQuotes = !inQuotes;
                        i++;
                    }
                } else {
                    argument.append(c);
                    i++;
                }
            }
            arguments.add(argument.toString());
        }
    }
}
