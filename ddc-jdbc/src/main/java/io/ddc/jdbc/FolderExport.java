package io.ddc.jdbc;

import io.ddc.Outcome;
import io.ddc.Target;
import io.ddc.TraceLine;
import io.ddc.files.ExperimentFolder;
import io.ddc.files.OutputFile;
import io.ddc.files.StateFile;
import io.ddc.files.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an experiment folder into a {@link Database}: each probe's trace file into
 * {@code iterations}, and each stored record's header into {@code executions}.
 *
 * <p>What comes from where:
 * <ul>
 * <li>{@code iterations}: one row per trace line;
 * <li>{@code executions}: one row per stored record (outcome, exit code, elapsed time, reason and
 *     output sizes from the headers of {@code <target>/<probe>.stdout} and {@code .stderr}); and, for
 *     each target a trace line names without a stored record (a folder holding only trace files, as
 *     the mail report delivers them, or a probe that stores no output), a row with the outcome of
 *     the list it is in and nulls for exit code, elapsed time, reason and sizes. Loading the records
 *     later completes those rows;
 * <li>the experiment's name: the state file's, else the folder's name, unless one is given;
 *     {@code started_at}: the iteration's start (its id), since DDC records no start per execution.
 * </ul>
 *
 * <p>Idempotent: every row is written with an upsert keyed by the primary key, so loading a folder
 * twice, or after a {@link DatabaseListener}, adds nothing twice. Rows are committed every
 * {@link Builder#batchSize(int) batch}, so an export that is killed keeps what it committed, and
 * running it again completes it. Damaged trace lines and records are skipped and reported.
 * Immutable and thread-safe; each {@link #load} uses its own connection.
 *
 * <pre>{@code
 * FolderExport.Summary loaded = FolderExport.builder(Database.of("jdbc:sqlite:lab.sqlite")).build()
 *         .load(Path.of("ddc-data/lab"));
 * }</pre>
 */
public final class FolderExport {
    private static final Logger LOG = LoggerFactory.getLogger(FolderExport.class);
    private static final Pattern EXPERIMENT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private final Database database;
    private final int batchSize;
    private final @Nullable String experiment;
    private final Runnable afterEachBatch;

    private FolderExport(Builder builder) {
        this.database = builder.database;
        this.batchSize = builder.batchSize;
        this.experiment = builder.experiment;
        this.afterEachBatch = builder.afterEachBatch;
    }

    /**
     * @param database where to load
     * @return a builder
     */
    public static Builder builder(Database database) {
        return new Builder(database);
    }

    /**
     * What a load wrote.
     *
     * @param experiment the experiment's name in the rows
     * @param iterations the iteration rows written (rows already there are kept as they are)
     * @param executions the execution rows written
     * @param problems the damaged lines and records skipped, one message each
     */
    public record Summary(String experiment, long iterations, long executions, List<String> problems) {
        /**
         * Copies the list.
         *
         * @param experiment the experiment's name in the rows
         * @param iterations the iteration rows written
         * @param executions the execution rows written
         * @param problems the damaged lines and records skipped
         */
        public Summary {
            Objects.requireNonNull(experiment, "experiment");
            problems = List.copyOf(problems);
        }
    }

    /**
     * Loads a folder.
     *
     * @param folder the experiment folder, {@code <root>/<experiment>}
     * @return what was written
     * @throws IOException if the folder is not there or a file cannot be read
     * @throws SQLException if the database cannot be reached or refuses a batch (what was committed
     *     before stays; load again to complete it)
     * @throws io.ddc.DdcException if the database holds a newer schema
     */
    public Summary load(Path folder) throws IOException, SQLException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IOException("no experiment folder " + folder + ": give the folder that holds the"
                    + " <probe>.trace files, such as ddc-data/lab");
        }
        ExperimentFolder layout = ExperimentFolder.of(folder);
        Optional<StateFile.State> state = StateFile.read(layout.stateFile());
        String name = experiment != null ? experiment
                : state.map(StateFile.State::experiment).orElse(String.valueOf(folder.toAbsolutePath().normalize()
                        .getFileName()));
        Set<String> probes = new TreeSet<>(layout.probes());
        state.ifPresent(s -> probes.addAll(s.probes().keySet()));
        List<String> problems = new ArrayList<>();
        Counts counts = new Counts();
        try (RowWriter writer = new RowWriter(database.open(), database.dialect())) {
            writer.forBulkLoad();
            for (String probe : probes) {
                loadProbe(layout, name, probe, state, writer, counts, problems);
            }
            writer.commit();
        }
        problems.forEach(problem -> LOG.warn("{}: {}", folder, problem));
        return new Summary(name, counts.iterations, counts.executions, problems);
    }

    private void loadProbe(ExperimentFolder layout, String experimentName, String probe,
            Optional<StateFile.State> state, RowWriter writer, Counts counts, List<String> problems)
            throws IOException, SQLException {
        List<TraceLine> lines = new ArrayList<>();
        Path trace = layout.traceFile(probe);
        if (Files.isRegularFile(trace)) {
            TraceReader.read(trace, lines::add, problems::add);
        }
        // a target's folder is its folder name (an IPv6 literal's ':' is '_'): map it back by the names known
        Map<String, String> targetOfFolder = new HashMap<>();
        state.ifPresent(s -> s.targets().forEach(t -> targetOfFolder.put(Target.of(t).folderName(), t)));
        for (TraceLine line : lines) {
            for (List<String> list : List.of(line.succeeded(), line.failed(), line.unavailable())) {
                for (String target : list) {
                    targetOfFolder.computeIfAbsent(Target.of(target).folderName(), k -> target);
                }
            }
        }
        Set<String> recorded = new HashSet<>();
        for (Path targetFolder : layout.targetFolders()) {
            Path stdout = ExperimentFolder.stdoutFileIn(targetFolder, probe);
            if (!Files.isRegularFile(stdout)) {
                continue;
            }
            String folderName = String.valueOf(targetFolder.getFileName());
            String target = targetOfFolder.getOrDefault(folderName, folderName);
            Map<Long, Long> stderrBytes = stderrLengths(ExperimentFolder.stderrFileIn(targetFolder, probe), problems);
            OutputFile.Index index = OutputFile.index(stdout);
            index.problem().ifPresent(problem -> problems.add(stdout + ": " + problem));
            for (OutputFile.Record record : index.records()) {
                if (!recorded.add(target + '\n' + record.iterationId())) {
                    problems.add(stdout + ": a second record of iteration " + record.iterationId() + " skipped");
                    continue;
                }
                add(writer, new Row.Execution(experimentName, probe, target, record.iterationId(), record.outcome(),
                        record.exitCode().isPresent() ? record.exitCode().getAsInt() : null,
                        record.elapsed().toMillis() / 1000.0, record.reason().isEmpty() ? null : record.reason(),
                        record.length(), stderrBytes.get(record.iterationId())), counts);
                counts.executions++;
            }
        }
        for (TraceLine line : lines) {
            add(writer, Row.Iteration.of(experimentName, probe, line), counts);
            counts.iterations++;
            addListed(writer, experimentName, probe, line.iterationId(), line.succeeded(), Outcome.SUCCEEDED, recorded,
                    counts);
            addListed(writer, experimentName, probe, line.iterationId(), line.failed(), Outcome.FAILED, recorded, counts);
            addListed(writer, experimentName, probe, line.iterationId(), line.unavailable(), Outcome.UNAVAILABLE,
                    recorded, counts);
        }
    }

    /** The rows a trace line gives for the targets without a stored record: only the outcome is known. */
    private void addListed(RowWriter writer, String experimentName, String probe, long iterationId,
            List<String> targets, Outcome outcome, Set<String> recorded, Counts counts) throws SQLException {
        for (String target : targets) {
            if (recorded.add(target + '\n' + iterationId)) {
                add(writer, new Row.Execution(experimentName, probe, target, iterationId, outcome, null, null, null,
                        null, null), counts);
                counts.executions++;
            }
        }
    }

    private static Map<Long, Long> stderrLengths(Path stderr, List<String> problems) throws IOException {
        Map<Long, Long> lengths = new HashMap<>();
        if (Files.isRegularFile(stderr)) {
            OutputFile.Index index = OutputFile.index(stderr);
            index.problem().ifPresent(problem -> problems.add(stderr + ": " + problem));
            for (OutputFile.Record record : index.records()) {
                lengths.putIfAbsent(record.iterationId(), record.length());
            }
        }
        return lengths;
    }

    private void add(RowWriter writer, Row row, Counts counts) throws SQLException {
        writer.add(row);
        if (writer.pending() >= batchSize) {
            writer.commit();
            afterEachBatch.run();
        }
    }

    /** What a load has written so far. */
    private static final class Counts {
        long iterations;
        long executions;
    }

    /** Builds a {@link FolderExport}. Defaults: batches of 10,000 rows; the folder's experiment name. Not thread-safe. */
    public static final class Builder {
        private final Database database;
        private int batchSize = 10_000;
        private @Nullable String experiment;
        private Runnable afterEachBatch = () -> {};

        private Builder(Database database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /**
         * @param rows how many rows each transaction commits, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batch size must be at least 1 row, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * @param name the experiment's name in the rows, in place of the state file's or the folder's
         *     (for a folder that was renamed, or trace files mailed without their folder)
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid experiment name
         */
        public Builder experiment(String name) {
            if (!EXPERIMENT_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("experiment name '" + name + "' is not 1 to 64 of A-Z a-z 0-9 . _ -"
                        + " starting with neither '.' nor '-'");
            }
            this.experiment = name;
            return this;
        }

        /** Lets a test stop a load after a committed batch, as a kill would. */
        Builder afterEachBatch(Runnable hook) {
            this.afterEachBatch = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** @return the export */
        public FolderExport build() {
            return new FolderExport(this);
        }
    }
}
