package io.ddc.launcher;

import io.ddc.TargetPool;
import io.ddc.core.IoProblems;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's target options, a picocli mixin shared by the commands that run probes:
 * {@code --target NAME} (repeatable) or {@code --targets FILE}. Names and files are checked by
 * {@link TargetPool}, so the launcher accepts exactly what the API accepts.
 *
 * <p>Filled in by picocli, then read by one command on one thread; not thread-safe.
 */
final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--target", paramLabel = "NAME", order = 10,
            description = "a target machine, by host name or IP address; repeat it for more")
    private @Nullable List<String> names;

    @Option(names = "--targets", paramLabel = "FILE", order = 11,
            description = "a file of targets instead: one per line, # starts a comment, blank lines are"
                    + " ignored")
    private @Nullable Path file;

    /**
     * Reads the targets given on the command line; nothing is started or written.
     *
     * @return the pool, or empty when neither option was given (the command picks its default)
     * @throws ParameterException naming the option and the offending entry (with its line number for
     *     a file), if both options are given, a name is not acceptable or appears twice, or the file
     *     cannot be read
     */
    Optional<TargetPool> pool() {
        List<String> given = names;
        Path path = file;
        if (given != null && path != null) {
            throw usageError("--target and --targets cannot be used together: give the targets one way");
        }
        try {
            if (given != null) {
                return Optional.of(TargetPool.of(given));
            }
            if (path != null) {
                return Optional.of(TargetPool.fromFile(path));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '" + (given != null ? "--target" : "--targets") + "': "
                    + e.getMessage());
        } catch (NoSuchFileException e) {
            throw usageError("--targets " + path + " does not exist");
        } catch (IOException e) {
            throw usageError("--targets " + path + " cannot be read: " + IoProblems.describe(e));
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}
