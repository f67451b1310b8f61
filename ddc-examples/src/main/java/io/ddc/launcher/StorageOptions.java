package io.ddc.launcher;

import io.ddc.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The launcher's storage options, a picocli mixin of {@code run} and {@code exec}: {@code --out DIR}
 * (the storage root), {@code --experiment NAME} (the experiment's folder under it, which is also
 * its name) and {@code --fresh-start}. {@link #builder} checks them before anything is started or
 * written.
 *
 * <p>Filled in by picocli, then read by one command on one thread; not thread-safe.
 */
final class StorageOptions {
    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--out", paramLabel = "DIR", order = 1,
            description = "storage root, created if missing (default: ddc-data)")
    private @Nullable Path storageRoot;

    @Option(names = "--experiment", paramLabel = "NAME", order = 2,
            description = "folder name under the storage root, 1 to 64 of A-Z a-z 0-9 . _ - (default: the"
                    + " experiment's name)")
    private @Nullable String folder;

    @Option(names = "--fresh-start", order = 3,
            description = "if the folder holds an earlier run, move it aside to <folder>.before-<UTC time> and start"
                    + " anew, instead of resuming it (nothing is deleted)")
    private boolean freshStart;

    /**
     * Checks both options and starts the experiment's definition with them.
     *
     * @param defaultName the folder used without {@code --experiment}
     * @return a builder with the name and the storage root set
     * @throws ParameterException naming the option, if the root is a file or the name is not a valid
     *     experiment name
     */
    Experiment.Builder builder(String defaultName) {
        Objects.requireNonNull(defaultName, "defaultName");
        Path root = root();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw usageError("--out must be a folder, got the file " + root);
        }
        String name = folder != null ? folder : defaultName;
        try {
            return Experiment.builder(name).storageRoot(root).freshStart(freshStart);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '--experiment': " + e.getMessage());
        }
    }

    /**
     * Returns the experiment's folder, {@code <root>/<name>}, as {@link #builder} sets it.
     *
     * @param defaultName the folder used without {@code --experiment}
     * @return the folder
     */
    Path folder(String defaultName) {
        return root().resolve(folder != null ? folder : defaultName);
    }

    /**
     * Gives {@code --out} the value of an experiment file's {@code out}, unless it was given.
     *
     * @param root the file's storage root
     */
    void defaults(Optional<Path> root) {
        if (storageRoot == null) {
            storageRoot = root.orElse(null);
        }
    }

    private Path root() {
        return storageRoot != null ? storageRoot : Experiment.DEFAULT_STORAGE_ROOT;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(command, "command").commandLine(), message);
    }
}
