package io.ddc.jdbc;

import io.ddc.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The databases the suite runs against: a SQLite file per test, and a database per test in one
 * real PostgreSQL cluster per test class (skipped, saying so, where PostgreSQL is not installed).
 * Registered with {@code @RegisterExtension} on a static field, it stops the cluster after the class.
 */
final class Databases implements AutoCloseable, AfterAllCallback {
    /** The two databases the module supports. */
    enum Kind { SQLITE, POSTGRESQL }

    private @Nullable PostgresServer server;
    private int created;

    /** @return a new, empty database of that kind */
    Database create(Kind kind, Path folder) throws IOException, InterruptedException {
        if (kind == Kind.SQLITE) {
            return Database.sqlite(folder.resolve("results-" + (++created) + ".sqlite"));
        }
        return Database.of(server().createDatabase("results" + (++created)));
    }

    PostgresServer server() throws IOException, InterruptedException {
        if (server == null) {
            server = PostgresServer.trusting();
        }
        return server;
    }

    /** @return each row's columns as text ({@code null} for NULL), in the query's order */
    static List<List<@Nullable String>> query(Database database, String sql) throws SQLException {
        List<List<@Nullable String>> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<@Nullable String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** @return the single number a query returns */
    static long count(Database database, String sql) throws SQLException {
        return Long.parseLong(String.valueOf(query(database, sql).get(0).get(0)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
