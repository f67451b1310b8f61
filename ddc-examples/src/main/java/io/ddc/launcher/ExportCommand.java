package io.ddc.launcher;

import io.ddc.DdcException;
import io.ddc.jdbc.Database;
import io.ddc.jdbc.FolderExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddc export DIR --db URL}: loads an experiment folder into a results database
 * ({@link FolderExport}): the trace files into {@code iterations}, the stored records' headers into
 * {@code executions}; a folder holding only trace files loads too. Loading again adds nothing
 * twice, and a load that was killed is completed by running it again.
 */
@Command(name = "export", sortOptions = false,
        description = {"Loads an experiment folder into a results database (SQLite or PostgreSQL).",
            "Reads DIR/<probe>.trace into the table iterations and the headers of DIR/<target>/<probe>.stdout and"
                + " .stderr into executions; for targets a trace line names without a stored record (trace files"
                + " alone, as mailed), only the outcome. Loading again, or after run --db, adds no row twice;"
                + " an export that was stopped is completed by running it again."},
        footer = {"", "Exit codes: 0 loaded, 1 the database failed part-way (what was committed stays; run export"
                + " again), 2 bad usage, a folder that cannot be read, or a database with a newer schema."})
final class ExportCommand implements Callable<Integer> {
    static final int DATABASE_FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the experiment folder, such as ddc-data/lab")
    private @Nullable Path folder;

    @Option(names = "--db", paramLabel = "URL", required = true, order = 1,
            description = "jdbc:sqlite:FILE (created if missing) or jdbc:postgresql://HOST[:PORT]/DATABASE")
    private @Nullable String url;

    @Mixin
    private DatabaseAccount account = new DatabaseAccount();

    @Option(names = "--experiment", paramLabel = "NAME", order = 4,
            description = "the experiment's name in the rows (default: the folder's state file, else its name)")
    private @Nullable String experiment;

    @Option(names = "--batch", paramLabel = "ROWS", order = 5,
            description = "rows committed per transaction (default: ${DEFAULT-VALUE})")
    private int batch = 10_000;

    ExportCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
        Path dir = Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(dir)) {
            throw usageError("no experiment folder " + dir + ": give the folder that holds the <probe>.trace files");
        }
        Database database = account.database(Objects.requireNonNull(url, "url"), environment);
        FolderExport.Builder export = FolderExport.builder(database);
        try {
            export.batchSize(batch);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid value for option '--batch': " + e.getMessage());
        }
        if (experiment != null) {
            try {
                export.experiment(experiment);
            } catch (IllegalArgumentException e) {
                throw usageError("Invalid value for option '--experiment': " + e.getMessage());
            }
        }
        try {
            FolderExport.Summary loaded = export.build().load(dir);
            loaded.problems().forEach(problem -> err.println("export: skipped " + problem));
            out.println("export: " + dir + " into " + database.url() + ": experiment " + loaded.experiment() + ", "
                    + loaded.iterations() + " iteration row(s) and " + loaded.executions()
                    + " execution row(s) written (rows already there kept)");
            return ExitCodes.DONE;
        } catch (IOException e) {
            err.println("export: cannot read " + dir + ": " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        } catch (DdcException e) {
            err.println("export: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        } catch (SQLException e) {
            err.println("export: database " + database.url() + " failed: " + e.getMessage()
                    + "; what was committed stays: run export again to complete it");
            return DATABASE_FAILED;
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(Objects.requireNonNull(spec, "spec").commandLine(), message);
    }
}
