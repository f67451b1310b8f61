package io.ddc.examples;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ddc list}: one line per bundled experiment, its name and what it does. */
@Command(name = "list", description = "Lists the bundled experiments, one per line.")
final class ListCommand implements Callable<Integer> {
    private final PrintStream out;

    ListCommand(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public Integer call() {
        out.println(DemoExperiment.NAME + "  " + DemoExperiment.DESCRIPTION);
        return ExitCodes.DONE;
    }
}
