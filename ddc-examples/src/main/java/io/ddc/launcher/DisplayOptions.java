package io.ddc.launcher;

import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * What {@code run} and {@code exec} print while they run, a picocli mixin: {@code --quiet} and
 * {@code --show-output} ({@link Progress.Options}). Filled in by picocli, then read by one command
 * on one thread; not thread-safe.
 */
final class DisplayOptions {
    @Option(names = "--quiet", order = 50,
            description = "one line per iteration, with the time of the next one, instead of one per target"
                    + " (the end's summary is printed as always)")
    private boolean quiet;

    @Option(names = "--show-output", order = 51,
            description = "print what each execution printed, each line prefixed by its target (and probe, if"
                    + " there are several), as parallel-ssh -i does; standard error lines say stderr")
    private boolean showOutput;

    /** @return the progress display these options ask for, with the coordinator's time zone */
    Progress.Options progress() {
        return new Progress.Options(quiet, showOutput, ZoneId.systemDefault());
    }
}
