package io.ddc.jdbc;

import io.ddc.DdcException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where results go: a JDBC URL ({@code jdbc:sqlite:FILE} or
 * {@code jdbc:postgresql://HOST[:PORT]/DATABASE}), the account and where its password comes from.
 * Opens plain JDBC connections through {@link DriverManager} and creates the schema, version
 * {@value #SCHEMA_VERSION}:
 *
 * <pre>
 * executions(experiment, probe, target, iteration_id, started_at, outcome,
 *            exit_code, elapsed_seconds, reason, stdout_bytes, stderr_bytes)
 * iterations(experiment, probe, iteration_id, started_at, succeeded, failed,
 *            unavailable, seconds)
 * availability_by_hour  (view: experiment, probe, hour_utc, iterations, pct_available, pct_succeeded)
 * availability_by_target(view: experiment, probe, target, iterations, pct_available, pct_succeeded)
 * schema_version(version)
 * </pre>
 *
 * <p>A password is never part of the URL (one is refused) and never appears in a log line, an
 * exception message or {@link #toString()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Database sqlite = Database.of("jdbc:sqlite:lab.sqlite");
 * Database shared = Database.builder("jdbc:postgresql://db.example.org/ddc")
 *         .user("ddc").password(PasswordSource.fromEnvironment("DDC_DB_PASSWORD")).build();
 * }</pre>
 */
public final class Database {
    /** The version of the schema this module writes; a database with a newer one is refused. */
    public static final int SCHEMA_VERSION = 1;
    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final String url;
    private final Dialect dialect;
    private final @Nullable String user;
    private final @Nullable PasswordSource password;

    private Database(Builder builder) {
        this.url = builder.url;
        this.dialect = Dialect.of(url);
        this.user = builder.user;
        this.password = builder.password;
    }

    /**
     * A database without account settings: SQLite, or PostgreSQL with the user in the URL
     * ({@code ?user=ddc}) and no password (trust or peer authentication).
     *
     * @param url the JDBC URL
     * @return the database
     * @throws IllegalArgumentException as {@link Builder#build()}
     */
    public static Database of(String url) {
        return builder(url).build();
    }

    /**
     * The SQLite database in a file, created on first use (its folder must exist).
     *
     * @param file the file
     * @return the database
     */
    public static Database sqlite(Path file) {
        return of("jdbc:sqlite:" + Objects.requireNonNull(file, "file"));
    }

    /**
     * @param url the JDBC URL
     * @return a builder; no user and no password by default
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** @return the JDBC URL, which holds no password */
    public String url() {
        return url;
    }

    /** @return the user given to the builder, if any (the URL may name one too) */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Opens a connection, with auto-commit on; the caller closes it.
     *
     * @return the connection
     * @throws SQLException if the database cannot be reached or refuses the account; its message
     *     never holds the password
     */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        @Nullable String secret = null;
        if (password != null) {
            char[] chars = password.password();
            secret = new String(chars);
            Arrays.fill(chars, '\0');
            properties.setProperty("password", secret);
        }
        if (dialect == Dialect.POSTGRESQL) {
            // one INSERT with many rows per batch instead of one round trip per row
            properties.setProperty("reWriteBatchedInserts", "true");
            properties.setProperty("connectTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            properties.setProperty("ApplicationName", "ddc");
        }
        try {
            Connection connection = DriverManager.getConnection(url, properties);
            if (dialect == Dialect.SQLITE) {
                try (Statement statement = connection.createStatement()) {
                    // a listener and an export may write the same file; wait for each other's commits
                    statement.execute("PRAGMA busy_timeout = 10000");
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        } catch (SQLException e) {
            throw withoutSecret(e, secret);
        }
    }

    /** A driver may quote what it was given; make sure the password is not among it. */
    private static SQLException withoutSecret(SQLException e, @Nullable String secret) {
        if (secret == null || secret.isEmpty()) {
            return e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(secret)) {
                return new SQLException(String.valueOf(e.getMessage()).replace(secret, "***"), e.getSQLState(),
                        e.getErrorCode());
            }
        }
        return e;
    }

    /**
     * Opens a connection and creates the schema where it is missing.
     *
     * @return the connection, with auto-commit off; the caller closes it
     * @throws SQLException if the database cannot be reached or written
     * @throws DdcException if the database holds a newer schema than {@link #SCHEMA_VERSION}: the
     *     message says which and what to do
     */
    Connection open() throws SQLException {
        Connection connection = connect();
        try {
            connection.setAutoCommit(false);
            createSchema(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY)");
            int found = 0;
            try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rows.next()) {
                    found = rows.getInt(1);
                }
            }
            if (found > SCHEMA_VERSION) {
                connection.rollback();
                throw new DdcException("database " + url + " holds results schema version " + found
                        + ", newer than version " + SCHEMA_VERSION + " that this DDC writes: use the newer DDC that"
                        + " made it, or another database");
            }
            for (String sql : dialect.schema()) {
                statement.execute(sql);
            }
            if (found < SCHEMA_VERSION) {
                statement.execute("INSERT INTO schema_version (version) VALUES (" + SCHEMA_VERSION + ")");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Checks that the database can be reached and holds, or can hold, this schema; creates it where
     * it is missing.
     *
     * @throws SQLException if the database cannot be reached or written
     * @throws DdcException if it holds a newer schema
     */
    public void prepare() throws SQLException {
        open().close();
    }

    @Override
    public String toString() {
        return "Database[" + url + (user != null ? ", user " + user : "") + (password != null ? ", password from a source" : "")
                + "]";
    }

    /**
     * Builds a {@link Database}. Defaults: no user (the URL's, if any), no password. Not thread-safe.
     */
    public static final class Builder {
        private final String url;
        private @Nullable String user;
        private @Nullable PasswordSource password;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * @param user the account
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * @param password where the account's password comes from, asked on each connection
         * @return this builder
         */
        public Builder password(PasswordSource password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @return the database
         * @throws IllegalArgumentException if the URL is neither SQLite nor PostgreSQL, or holds a
         *     password
         */
        public Database build() {
            if (url.toLowerCase(Locale.ROOT).contains("password=")) {
                throw new IllegalArgumentException("the database URL must not hold a password (it would show in logs"
                        + " and process lists): give it through an environment variable (--db-password-env VAR,"
                        + " PasswordSource.fromEnvironment)");
            }
            Dialect.of(url);
            if (user != null && user.isEmpty()) {
                throw new IllegalArgumentException("the database user is empty");
            }
            return new Database(this);
        }
    }
}
