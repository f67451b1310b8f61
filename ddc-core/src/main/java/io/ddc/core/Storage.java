package io.ddc.core;

import io.ddc.DdcException;
import io.ddc.Durability;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TraceLine;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.OutputFile;
import io.ddc.files.StateFile;
import io.ddc.spi.EngineSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default storage layout under {@code <root>/<experiment>/}: one folder per target holding the
 * cumulative {@code <probe>.stdout} and {@code <probe>.stderr} ({@link OutputFile} records), one
 * {@code <probe>.trace} per probe ({@link TraceFile}), and the state file {@code .state}
 * ({@link StateFile}). Large outputs are spooled in {@code .spool/} until their record is appended.
 * Thread-safe: two threads never write the same file, because a target is visited by one thread at
 * a time and iterations do not overlap.
 *
 * <p>Every write goes through one {@link ChannelOpener}; each record, trace line and state is
 * written whole or, when a write fails (a full disk), cut back, and the failure names the file.
 *
 * <p>An open storage holds an operating-system lock on {@code .lock} in the experiment's folder, so
 * a second coordinator (in this JVM or another) is refused; the lock dies with the process that
 * holds it, so a lock file left by a killed coordinator never blocks.
 */
final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /** The largest output appended from one buffer of its record's size; larger ones are streamed. */
    private static final int MAX_HELD_RECORD = 1 << 20;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path folder;
    private final ExperimentFolder layout;
    private final Path spoolFolder;
    private final FolderLock lock;
    private final ChannelOpener channels;
    private final Durability durability;
    private final Set<Path> createdFolders = ConcurrentHashMap.newKeySet();
    private final Set<Path> knownFiles = ConcurrentHashMap.newKeySet();
    /** Folders that gained an entry since they were last forced. */
    private final Set<Path> foldersToForce = ConcurrentHashMap.newKeySet();
    private final AtomicLong spoolCounter = new AtomicLong();

    private Storage(Path folder, FolderLock lock, ChannelOpener channels, Durability durability) {
        this.folder = folder;
        this.layout = ExperimentFolder.of(folder);
        this.spoolFolder = layout.spoolFolder();
        this.lock = lock;
        this.channels = channels;
        this.durability = durability;
    }

    /**
     * Opens the experiment's folder with the default channels.
     *
     * @throws DdcException naming the path, if the folder cannot be used or another coordinator
     *     holds it
     */
    static Storage open(Experiment experiment, EngineSettings settings) {
        return open(experiment, settings, ChannelOpener.DEFAULT);
    }

    /**
     * Creates the experiment's folder if needed and locks it; for a fresh start moves an earlier
     * folder that holds anything aside; clears spool files and a temporary state file left by a
     * crash.
     *
     * @param channels opens every file the storage writes
     * @throws DdcException naming the path, if the folder cannot be used or another coordinator
     *     holds it
     */
    static Storage open(Experiment experiment, EngineSettings settings, ChannelOpener channels) {
        Path root = experiment.storageRoot();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DdcException("storage root " + root + " is not a folder: choose another storage root");
        }
        Path folder = experiment.folder();
        try {
            ExperimentFolder.checkNames(experiment.probes(), experiment.targets());
        } catch (IllegalStateException e) {
            throw new DdcException("experiment '" + experiment.name() + "': " + e.getMessage(), e);
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DdcException("the experiment folder " + folder + " is a file, not a folder: move it away, or"
                    + " choose another experiment name or storage root");
        }
        FolderLock lock;
        try {
            Files.createDirectories(folder);
            lock = FolderLock.acquire(ExperimentFolder.of(folder).lockFile());
        } catch (IOException e) {
            throw new DdcException("cannot use the experiment folder " + folder + ": " + IoProblems.describe(e), e);
        }
        if (settings.freshStart()) {
            lock = startFresh(experiment, settings.clock(), lock);
        }
        Storage storage = new Storage(folder, lock, channels, settings.durability());
        try {
            storage.clearSpool();
            Files.deleteIfExists(storage.layout.temporaryStateFile());
            return storage;
        } catch (IOException e) {
            storage.close();
            throw new DdcException("cannot use the experiment folder " + folder + ": " + IoProblems.describe(e), e);
        }
    }

    /**
     * Moves a folder that holds anything to {@code <name>.before-<UTC time>} and locks a new, empty
     * one. The folder is renamed while it is locked, so no other coordinator can be using it; where
     * the platform refuses to rename a folder with an open file in it (Windows), the lock is
     * released first, and there the rename fails if another coordinator took the folder meanwhile.
     */
    private static FolderLock startFresh(Experiment experiment, Clock clock, FolderLock lock) {
        Path folder = experiment.folder();
        Path aside = folder;
        boolean released = false;
        try {
            if (!ExperimentFolder.of(folder).holdsData()) {
                return lock;
            }
            aside = asideFolder(folder, clock.instant());
            try {
                Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                lock.close();
                released = true;
                Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!released) {
                lock.close();
                released = true;
            }
            Files.createDirectories(folder);
            FolderLock fresh = FolderLock.acquire(ExperimentFolder.of(folder).lockFile());
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {  // the moved-aside entry lives in the parent; a root folder has none to sync
                Fsync.folder(parent);
            }
            LOG.info("experiment '{}' starts afresh: the earlier contents of {} were moved to {}", experiment.name(),
                    folder, aside);
            return fresh;
        } catch (IOException e) {
            if (!released) {
                lock.close();
            }
            throw new DdcException("cannot move the earlier contents of " + folder + " aside to " + aside + " for a"
                    + " fresh start: " + IoProblems.describe(e), e);
        } catch (RuntimeException e) {
            if (!released) {
                lock.close();
            }
            throw e;
        }
    }

    private static Path asideFolder(Path folder, Instant now) {
        String base = folder.getFileName() + ".before-" + ASIDE_STAMP.format(now);
        Path aside = folder.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = folder.resolveSibling(base + "-" + n);
        }
        return aside;
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

    /** @return the folder's layout */
    ExperimentFolder layout() {
        return layout;
    }

    /** Returns the target's folder, creating it on first use. */
    Path targetFolder(Target target) throws IOException {
        Path targetFolder = inside(layout.targetFolder(target));
        if (!createdFolders.contains(targetFolder)) {
            if (!Files.isDirectory(targetFolder)) {
                Files.createDirectories(targetFolder);
                foldersToForce.add(folder);
            }
            createdFolders.add(targetFolder);
        }
        return targetFolder;
    }


    /** Returns a sink for one output stream of one execution. */
    ExecutionSink newSink(Probe probe) {
        Path spool = probe.storesOutput() ? spoolFolder.resolve(spoolCounter.incrementAndGet() + ".spool") : null;
        return new ExecutionSink(probe.captureLimit(), spool);
    }

    /**
     * Appends the result's records to {@code <target>/<probe>.stdout} and {@code .stderr}. If either
     * append fails, both files are cut back to their earlier length, so an execution is stored
     * whole or not at all. With {@link Durability#EACH_EXECUTION} both files are forced to disk
     * before this returns; with {@link Durability#OPERATING_SYSTEM} they are never forced.
     *
     * @return the files still to force with {@link #force(Collection)}: none if they were forced or
     *     are not to be forced
     * @throws IOException naming the file that could not be written
     */
    List<Path> store(ExecutionResult result, ExecutionSink stdout, ExecutionSink stderr) throws IOException {
        Path targetFolder = targetFolder(result.target());
        Path out = layout.stdoutFile(result.target(), result.probe());
        Path err = layout.stderrFile(result.target(), result.probe());
        boolean newFiles = isNew(out) | isNew(err);
        Path current = out;
        try (FileChannel outChannel = channels.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long outLength = outChannel.size();
            current = err;
            try (FileChannel errChannel = channels.open(err, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                long errLength = errChannel.size();
                try {
                    current = out;
                    appendRecord(outChannel, result, stdout);
                    current = err;
                    appendRecord(errChannel, result, stderr);
                    if (durability == Durability.EACH_EXECUTION) {
                        current = out;
                        outChannel.force(true);
                        current = err;
                        errChannel.force(true);
                    }
                } catch (IOException e) {
                    TraceFile.cutBack(outChannel, out, outLength, e);
                    TraceFile.cutBack(errChannel, err, errLength, e);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot append to " + current + ": " + e.getMessage(), e);
        }
        if (durability == Durability.OPERATING_SYSTEM) {
            return List.of();
        }
        if (newFiles) {
            foldersToForce.add(targetFolder);
        }
        if (durability == Durability.EACH_EXECUTION) {
            forceNewFolders();
            return List.of();
        }
        return List.of(out, err);
    }

    /** True the first time this storage sees a file that does not exist yet. */
    private boolean isNew(Path file) {
        return knownFiles.add(file) && !Files.exists(file);
    }

    private static void appendRecord(FileChannel channel, ExecutionResult result, ExecutionSink sink)
            throws IOException {
        byte[] header = OutputFile.header(result, sink.size());
        if (sink.isHeld() && sink.size() <= MAX_HELD_RECORD) {
            // most outputs are a few hundred bytes, held in memory: one write of a buffer of the
            // record's own size (a 64 KiB buffer per record cost more than the write itself)
            ByteBuffer record = ByteBuffer.allocate(header.length + (int) sink.size() + 1);
            record.put(header);
            sink.copyTo(record);
            record.put((byte) '\n');
            record.flip();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            return;
        }
        // a spooled output follows in 64 KiB appends
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        out.write(header);
        sink.copyTo(out);
        out.write('\n');
        out.flush();
    }

    /**
     * Forces files (the ones {@link #store} returned) and the folders that gained entries to disk.
     *
     * @throws IOException naming the file that could not be forced
     */
    void force(Collection<Path> files) throws IOException {
        for (Path file : files) {
            try {
                Fsync.file(channels, file);
            } catch (IOException e) {
                throw new IOException("cannot force " + file + " to disk: " + e.getMessage(), e);
            }
        }
        forceNewFolders();
    }

    private void forceNewFolders() {
        for (Path changed : foldersToForce) {
            if (foldersToForce.remove(changed)) {
                Fsync.folder(changed);
            }
        }
    }

    /**
     * Appends a trace line to the probe's trace file and forces it to disk.
     *
     * @throws IOException naming the trace file
     */
    void appendTrace(String probe, TraceLine line) throws IOException {
        Path file = inside(layout.traceFile(probe));
        boolean newFile = isNew(file);
        TraceFile.append(channels, file, line);
        if (newFile) {
            Fsync.folder(folder);
        }
    }

    /**
     * Replaces the state file atomically.
     *
     * @throws IOException naming the state file
     */
    void writeState(StateFile.State state) throws IOException {
        StateWriter.write(channels, folder, state);
    }

    /** Names validated by the API cannot leave the folder; this check makes sure of it. */
    private Path inside(Path path) {
        Path normal = path.normalize();
        if (!folder.normalize().equals(normal.getParent())) {
            throw new IllegalStateException("refusing to write outside " + folder + ": " + path);
        }
        return normal;
    }
}
