package io.ddc.core;

import io.ddc.DdcException;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.Target;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default storage layout under {@code <root>/<experiment>/}: one folder per target holding the
 * cumulative {@code <probe>.stdout} and {@code <probe>.stderr} ({@link OutputFile} records), and one
 * {@code <probe>.trace} per probe ({@link TraceFile}). Large outputs are spooled in
 * {@code .spool/} until their record is appended. Thread-safe: two threads never write the same
 * file, because a target is visited by one thread at a time and iterations do not overlap.
 *
 * <p>An open storage holds an operating-system lock on {@code .lock} in the experiment's folder, so
 * a second coordinator (in this JVM or another) is refused; the lock dies with the process that
 * holds it, so a lock file left by a killed coordinator never blocks.
 */
final class Storage implements AutoCloseable {
    private static final String SPOOL_FOLDER = ".spool";
    private static final String LOCK_FILE = ".lock";

    private final Path folder;
    private final Path spoolFolder;
    private final FolderLock lock;
    private final Set<Path> createdFolders = ConcurrentHashMap.newKeySet();
    private final AtomicLong spoolCounter = new AtomicLong();

    private Storage(Path folder, FolderLock lock) {
        this.folder = folder;
        this.spoolFolder = folder.resolve(SPOOL_FOLDER);
        this.lock = lock;
    }

    /**
     * Creates the experiment's folder if needed, locks it, and clears spool files left by a crash.
     *
     * @throws DdcException naming the path, if the folder cannot be used or another coordinator
     *     holds it
     */
    static Storage open(Experiment experiment) {
        Path root = experiment.storageRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DdcException("storage root " + root + " is not a folder: choose another storage root");
        }
        Path folder = experiment.folder();
        FolderLock lock;
        try {
            Files.createDirectories(folder);
            lock = FolderLock.acquire(folder.resolve(LOCK_FILE));
        } catch (IOException e) {
            throw new DdcException("cannot use the experiment folder " + folder + ": " + e, e);
        }
        Storage storage = new Storage(folder, lock);
        try {
            storage.clearSpool();
            return storage;
        } catch (IOException e) {
            storage.close();
            throw new DdcException("cannot use the experiment folder " + folder + ": " + e, e);
        }
    }

    /** Releases the folder's lock. */
    @Override
    public void close() {
        lock.close();
    }

    private void clearSpool() throws IOException {
        Files.createDirectories(spoolFolder);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(spoolFolder)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    Path folder() {
        return folder;
    }

    /** Returns the target's folder, creating it on first use. */
    Path targetFolder(Target target) throws IOException {
        Path targetFolder = inside(target.folderName());
        if (!createdFolders.contains(targetFolder)) {
            Files.createDirectories(targetFolder);
            createdFolders.add(targetFolder);
        }
        return targetFolder;
    }

    Path traceFile(String probe) {
        return inside(probe + ".trace");
    }

    /** Returns a sink for one output stream of one execution. */
    ExecutionSink newSink(Probe probe) {
        Path spool = probe.storesOutput() ? spoolFolder.resolve(spoolCounter.incrementAndGet() + ".spool") : null;
        return new ExecutionSink(probe.captureLimit(), spool);
    }

    /**
     * Appends the result's records to {@code <target>/<probe>.stdout} and {@code .stderr}.
     *
     * @throws IOException naming the file that could not be written
     */
    void store(ExecutionResult result, ExecutionSink stdout, ExecutionSink stderr) throws IOException {
        Path targetFolder = targetFolder(result.target());
        append(targetFolder.resolve(result.probe() + ".stdout"), result, stdout);
        append(targetFolder.resolve(result.probe() + ".stderr"), result, stderr);
    }

    private static void append(Path file, ExecutionResult result, ExecutionSink sink) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16)) {
            out.write(OutputFile.header(result, sink.size()));
            sink.copyTo(out);
            out.write('\n');
        } catch (IOException e) {
            throw new IOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Names validated by the API cannot leave the folder; this check makes sure of it. */
    private Path inside(String name) {
        Path path = folder.resolve(name).normalize();
        if (!path.getParent().equals(folder.normalize())) {
            throw new IllegalStateException("refusing to write outside " + folder + ": " + name);
        }
        return path;
    }
}
