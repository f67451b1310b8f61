package io.ddc.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows through two prepared statements, in batches, each batch one transaction. Every
 * insert is an upsert keyed by the tables' primary keys, so writing a row again adds nothing: an
 * iteration row already there is kept; an execution row already there is completed only if it came
 * from a trace line alone (no elapsed time) and the new one knows more. Not thread-safe.
 */
final class RowWriter implements AutoCloseable {
    private static final String INSERT_EXECUTION = "INSERT INTO executions (experiment, probe, target, iteration_id,"
            + " started_at, outcome, exit_code, elapsed_seconds, reason, stdout_bytes, stderr_bytes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (experiment, probe, target, iteration_id) DO UPDATE SET outcome = excluded.outcome,"
            + " exit_code = excluded.exit_code, elapsed_seconds = excluded.elapsed_seconds, reason = excluded.reason,"
            + " stdout_bytes = excluded.stdout_bytes, stderr_bytes = excluded.stderr_bytes"
            + " WHERE executions.elapsed_seconds IS NULL AND excluded.elapsed_seconds IS NOT NULL";
    private static final String INSERT_ITERATION = "INSERT INTO iterations (experiment, probe, iteration_id,"
            + " started_at, succeeded, failed, unavailable, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (experiment, probe, iteration_id) DO NOTHING";

    /** How many formatted times {@link #time(long)} keeps (a few MB) before it starts again. */
    private static final int MAX_TIMES = 1 << 16;

    private final Connection connection;
    private final Dialect dialect;
    private final PreparedStatement executions;
    private final PreparedStatement iterations;
    private int executionsBatched;
    private int iterationsBatched;
    /**
     * Each iteration's time, formatted once: an export writes a target's iterations one after the
     * other, then the next target's, so the same few thousand times come back again and again.
     */
    private final Map<Long, Object> times = new HashMap<>();

    /**
     * @param connection open, with auto-commit off; closed by {@link #close()}
     * @param dialect its database's dialect
     * @throws SQLException if the statements cannot be prepared
     */
    RowWriter(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        PreparedStatement first = connection.prepareStatement(INSERT_EXECUTION);
        try {
            this.iterations = connection.prepareStatement(INSERT_ITERATION);
        } catch (SQLException e) {
            first.close();
            throw e;
        }
        this.executions = first;
    }

    /**
     * Readies the connection for many rows in a row: SQLite gets a 64 MiB page cache in place of
     * its 2 MiB, so that the primary keys' B-trees stay in memory. Changes nothing that is kept in
     * the file, nor when a commit is durable.
     *
     * @throws SQLException if the database refuses the setting
     */
    void forBulkLoad() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA cache_size = -65536");
            }
        }
    }

    /** @return the rows added since the last {@link #commit()} */
    int pending() {
        return executionsBatched + iterationsBatched;
    }

    /** Adds a row to the current batch. */
    void add(Row row) throws SQLException {
        if (row instanceof Row.Execution execution) {
            addExecution(execution);
        } else if (row instanceof Row.Iteration iteration) {
            addIteration(iteration);
        }
    }

    private void addExecution(Row.Execution row) throws SQLException {
        PreparedStatement s = executions;
        s.setString(1, row.experiment());
        s.setString(2, row.probe());
        s.setString(3, row.target());
        s.setLong(4, row.iterationId());
        s.setObject(5, time(row.iterationId()));
        s.setString(6, row.outcome().name());
        setNullable(s, 7, row.exitCode(), Types.INTEGER);
        setNullable(s, 8, row.elapsedSeconds(), Types.DOUBLE);
        setNullable(s, 9, row.reason(), Types.VARCHAR);
        setNullable(s, 10, row.stdoutBytes(), Types.BIGINT);
        setNullable(s, 11, row.stderrBytes(), Types.BIGINT);
        s.addBatch();
        executionsBatched++;
    }

    private void addIteration(Row.Iteration row) throws SQLException {
        PreparedStatement s = iterations;
        s.setString(1, row.experiment());
        s.setString(2, row.probe());
        s.setLong(3, row.iterationId());
        s.setObject(4, time(row.iterationId()));
        s.setInt(5, row.succeeded());
        s.setInt(6, row.failed());
        s.setInt(7, row.unavailable());
        s.setDouble(8, row.seconds());
        s.addBatch();
        iterationsBatched++;
    }

    private Object time(long epochSecond) {
        @Nullable Object time = times.get(epochSecond);
        if (time == null) {
            if (times.size() >= MAX_TIMES) {
                times.clear();
            }
            time = dialect.time(epochSecond);
            times.put(epochSecond, time);
        }
        return time;
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable Object value,
            int type) throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setObject(index, value, type);
        }
    }

    /**
     * Sends the batch and commits it; on failure rolls back, so the rows can be added again.
     *
     * @throws SQLException if the database refused the batch or could not be reached
     */
    void commit() throws SQLException {
        try {
            if (executionsBatched > 0) {
                executions.executeBatch();
            }
            if (iterationsBatched > 0) {
                iterations.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                executions.clearBatch();
                iterations.clearBatch();
                connection.rollback();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            executionsBatched = 0;
            iterationsBatched = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            iterations.close();
            executions.close();
        } finally {
            connection.close();
        }
    }
}
