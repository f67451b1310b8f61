package io.ddc.process;

import java.util.List;
import org.apache.commons.exec.CommandLine;

/**
 * A command line whose arguments reach the launcher exactly as given: commons-exec's own trims every
 * argument, so {@code " a "} arrives as {@code "a"} and {@code " "} as an empty argument.
 */
final class VerbatimCommandLine extends CommandLine {
    private final List<String> arguments;

    /** @param command the executable followed by its arguments, none of them null */
    VerbatimCommandLine(List<String> command) {
        super(command.get(0));
        this.arguments = List.copyOf(command.subList(1, command.size()));
    }

    @Override
    public String[] getArguments() {
        return arguments.toArray(new String[0]);
    }

    @Override
    public String[] toStrings() {
        String[] all = new String[arguments.size() + 1];
        all[0] = getExecutable();
        System.arraycopy(getArguments(), 0, all, 1, arguments.size());
        return all;
    }
}
