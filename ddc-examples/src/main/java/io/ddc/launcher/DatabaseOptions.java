package io.ddc.launcher;

import io.ddc.DdcException;
import io.ddc.files.ExperimentFolder;
import io.ddc.jdbc.DatabaseListener;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The results database of {@code run} and {@code exec}, a picocli mixin: {@code --db [URL]} writes
 * every execution and iteration while the experiment runs ({@link DatabaseListener}); without a URL
 * into {@code <experiment>/ddc.sqlite}. Filled in by picocli, then read on one thread; not
 * thread-safe.
 */
final class DatabaseOptions {
    /** What picocli puts in {@link #url} for a {@code --db} without a URL. */
    private static final String IN_THE_FOLDER = "";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOptions.class);

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    @Option(names = "--db", paramLabel = "URL", arity = "0..1", fallbackValue = IN_THE_FOLDER,
            description = "write executions and iterations to a database as they happen: jdbc:sqlite:FILE or"
                    + " jdbc:postgresql://HOST[:PORT]/DATABASE; without URL <experiment folder>/ddc.sqlite."
                    + " A database that is down never holds up the run; `export` fills in what it missed")
    private @Nullable String url;

    @Mixin
    private DatabaseAccount account = new DatabaseAccount();

    /**
     * Gives {@code --db} the experiment file's {@code db} URL when the command line has none: the
     * command line wins.
     *
     * @param fileUrl the file's URL, already checked
     */
    void defaults(String fileUrl) {
        if (url == null) {
            url = fileUrl;
        }
    }

    /**
     * Checks the options; call before anything starts.
     *
     * @param folder the experiment's folder
     * @param environment where {@code --db-password-env} is looked up
     * @return what opens the listener, if {@code --db} was given
     * @throws picocli.CommandLine.ParameterException naming the option, if a value is not usable
     */
    Optional<Opener> check(Path folder, Map<String, String> environment) {
        if (url == null) {
            return Optional.empty();
        }
        String given = url.equals(IN_THE_FOLDER) ? "jdbc:sqlite:" + ExperimentFolder.of(folder).databaseFile() : url;
        io.ddc.jdbc.Database database = account.database(given, environment);
        refuseANewerSchema(database);
        return Optional.of(() -> DatabaseListener.builder(database).folder(folder).build());
    }

    /**
     * A database that holds a newer schema will never take a row, so the run is refused before it
     * starts; a database that cannot be reached now is no reason to hold the run up: the listener
     * warns and writes what it missed when it is back.
     */
    private void refuseANewerSchema(io.ddc.jdbc.Database database) {
        try {
            database.prepare();
        } catch (DdcException e) {
            throw new ParameterException(Objects.requireNonNull(command, "command").commandLine(),
                    "Invalid value for option '--db': " + e.getMessage());
        } catch (SQLException e) {
            LOG.debug("results database {} not reachable before the run; its listener will say so", database, e);
        }
    }

    /** Starts the listener's writer; the caller closes the listener after the run. */
    @FunctionalInterface
    interface Opener {
        DatabaseListener open();
    }
}
