package io.ddc.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The output of a probe script that runs several commands and prints a marker line before each
 * command's output: {@code @@ddc NAME} or {@code @@ddc NAME ARGUMENT}. One remote execution then
 * brings back what several probes would, which matters where each execution costs seconds (PsExec).
 * Stateless.
 */
final class MarkedOutput {
    /** What a marker line starts with; the scripts print it with {@code echo '@@ddc NAME'}. */
    static final String MARKER = "@@ddc ";

    private MarkedOutput() {}

    /**
     * One command's output.
     *
     * @param name the word after the marker
     * @param argument what follows the name on the marker line, trimmed; empty if nothing
     * @param body the lines up to the next marker, each ending with {@code \n} (carriage returns
     *     removed)
     */
    record Section(String name, String argument, String body) {
        /** Checks the components. */
        Section {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argument, "argument");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Splits an output at its marker lines; what comes before the first marker is left out.
     *
     * @param output the probe's output
     * @return the sections, in output order (a name may repeat)
     */
    static List<Section> split(String output) {
        List<Section> sections = new ArrayList<>();
        @Nullable String name = null;
        String argument = "";
        StringBuilder body = new StringBuilder();
        for (String line : (Iterable<String>) output.lines()::iterator) {
            if (line.startsWith(MARKER)) {
                if (name != null) {
                    sections.add(new Section(name, argument, body.toString()));
                }
                String rest = line.substring(MARKER.length()).strip();
                int blank = rest.indexOf(' ');
                name = blank < 0 ? rest : rest.substring(0, blank);
                argument = blank < 0 ? "" : rest.substring(blank + 1).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            sections.add(new Section(name, argument, body.toString()));
        }
        return sections;
    }
}
