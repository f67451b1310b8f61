package io.ddc.files;

import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TargetPool;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The layout of an experiment folder, {@code <root>/<experiment>/}, the one place that names its
 * files:
 *
 * <pre>
 * &lt;probe&gt;.trace               one line per iteration ({@link TraceReader})
 * &lt;target&gt;/&lt;probe&gt;.stdout     cumulative: one record per execution ({@link OutputFile})
 * &lt;target&gt;/&lt;probe&gt;.stderr
 * .state                      where a restart resumes ({@link StateFile})
 * .lock                       held by the coordinator that writes the folder
 * .spool/                     outputs larger than the capture limit, until their record is appended
 * ddc.sqlite                  the results database, where the launcher's {@code --db} writes it by default
 * </pre>
 *
 * <p>A target's folder is its {@link Target#folderName() folder name}. Immutable and thread-safe;
 * listing methods read the folder as it is when they are called.
 *
 * <pre>{@code
 * ExperimentFolder folder = ExperimentFolder.of(Path.of("ddc-data/lab"));
 * Path trace = folder.traceFile("loadavg");                       // ddc-data/lab/loadavg.trace
 * Path out = folder.stdoutFile(Target.of("m01"), "loadavg");      // ddc-data/lab/m01/loadavg.stdout
 * }</pre>
 */
public final class ExperimentFolder {
    private static final String TRACE = ".trace";
    private static final String STDOUT = ".stdout";
    private static final String STDERR = ".stderr";
    private static final String LOCK = ".lock";
    private static final String SPOOL = ".spool";
    private static final String DATABASE = "ddc.sqlite";

    private final Path path;

    private ExperimentFolder(Path path) {
        this.path = path;
    }

    /**
     * The layout of a folder, which need not exist.
     *
     * @param path the experiment's folder, {@code <root>/<experiment>}
     * @return its layout
     */
    public static ExperimentFolder of(Path path) {
        return new ExperimentFolder(Objects.requireNonNull(path, "path"));
    }

    /** @return the folder */
    public Path path() {
        return path;
    }

    /**
     * @param probe the probe's name
     * @return {@code <probe>.trace}
     */
    public Path traceFile(String probe) {
        return path.resolve(Objects.requireNonNull(probe, "probe") + TRACE);
    }

    /**
     * @param target the target
     * @return the target's folder
     */
    public Path targetFolder(Target target) {
        return path.resolve(target.folderName());
    }

    /**
     * @param target the target
     * @param probe the probe's name
     * @return {@code <target>/<probe>.stdout}
     */
    public Path stdoutFile(Target target, String probe) {
        return targetFolder(target).resolve(probe + STDOUT);
    }

    /**
     * @param target the target
     * @param probe the probe's name
     * @return {@code <target>/<probe>.stderr}
     */
    public Path stderrFile(Target target, String probe) {
        return targetFolder(target).resolve(probe + STDERR);
    }

    /**
     * The stored output of a probe in a target folder found by {@link #targetFolders()}, whose name
     * is a {@link Target#folderName() folder name} rather than a target's.
     *
     * @param targetFolder a target folder of this layout
     * @param probe the probe's name
     * @return {@code <targetFolder>/<probe>.stdout}
     */
    public static Path stdoutFileIn(Path targetFolder, String probe) {
        return targetFolder.resolve(probe + STDOUT);
    }

    /**
     * As {@link #stdoutFileIn(Path, String)}, for standard error.
     *
     * @param targetFolder a target folder of this layout
     * @param probe the probe's name
     * @return {@code <targetFolder>/<probe>.stderr}
     */
    public static Path stderrFileIn(Path targetFolder, String probe) {
        return targetFolder.resolve(probe + STDERR);
    }

    /** @return {@code ddc.sqlite}, where the launcher's {@code --db} without a URL writes the results database */
    public Path databaseFile() {
        return path.resolve(DATABASE);
    }

    /** @return {@code .state} */
    public Path stateFile() {
        return path.resolve(StateFile.NAME);
    }

    /** @return {@code .state.tmp}, where a new state is written before it replaces the old one */
    public Path temporaryStateFile() {
        return path.resolve(StateFile.TEMPORARY);
    }

    /** @return {@code .lock} */
    public Path lockFile() {
        return path.resolve(LOCK);
    }

    /** @return {@code .spool/} */
    public Path spoolFolder() {
        return path.resolve(SPOOL);
    }

    /**
     * Tells which probe a trace file belongs to.
     *
     * @param file any path
     * @return the probe's name, if the file's name is {@code <probe>.trace} with a probe name before
     *     the suffix
     */
    public static Optional<String> probeOfTraceFile(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        if (!text.endsWith(TRACE) || text.length() == TRACE.length() || text.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(text.substring(0, text.length() - TRACE.length()));
    }

    /**
     * Lists the trace files, sorted by name; none if the folder does not exist.
     *
     * @return the regular {@code <probe>.trace} files directly in the folder
     * @throws IOException if the folder cannot be read
     */
    public List<Path> traceFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(path)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*" + TRACE)) {
            for (Path entry : entries) {
                if (probeOfTraceFile(entry).isPresent() && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /**
     * Lists the probes that have a trace file, sorted by name.
     *
     * @return their names
     * @throws IOException if the folder cannot be read
     */
    public List<String> probes() throws IOException {
        List<String> probes = new ArrayList<>();
        for (Path file : traceFiles()) {
            probeOfTraceFile(file).ifPresent(probes::add);
        }
        return probes;
    }

    /**
     * Lists the target folders, sorted by name: the folders directly in the experiment folder whose
     * names do not start with {@code .}.
     *
     * @return the folders; none if the experiment folder does not exist
     * @throws IOException if the folder cannot be read
     */
    public List<Path> targetFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(path)) {
            return folders;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, Files::isDirectory)) {
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if (name != null && !name.toString().startsWith(".")) {
                    folders.add(entry);
                }
            }
        }
        folders.sort(null);
        return folders;
    }

    /**
     * Tells whether the folder holds data: anything but the lock, the spool folder and a temporary
     * state file, which a coordinator leaves even when it wrote nothing.
     *
     * @return true if it holds an earlier run's files
     * @throws IOException if the folder cannot be read
     */
    public boolean holdsData() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = String.valueOf(entry.getFileName());
                if (!name.equals(LOCK) && !name.equals(SPOOL) && !name.equals(StateFile.TEMPORARY)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Checks that the layout can hold these probes and targets: a target's folder and a probe's
     * trace file live side by side, so a target named like a trace file would collide with it.
     *
     * @param probes the experiment's probes
     * @param targets its pool
     * @throws IllegalStateException naming the target and the probe, if two would collide
     */
    public static void checkNames(List<Probe> probes, TargetPool targets) {
        for (Probe probe : probes) {
            String traceFile = probe.name() + TRACE;
            for (Target target : targets) {
                if (target.folderName().equalsIgnoreCase(traceFile)) {
                    throw new IllegalStateException("target '" + target + "' would have the name of the trace file"
                            + " of probe '" + probe.name() + "': rename the probe");
                }
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
