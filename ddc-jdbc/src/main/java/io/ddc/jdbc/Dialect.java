package io.ddc.jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the two databases: the type of a point in time, how to take its hour, and
 * how to create a view once. Everything else (upserts with {@code ON CONFLICT}, the tables' types)
 * is the same SQL on both.
 */
enum Dialect {
    /** One file; timestamps as UTC text {@code YYYY-MM-DD HH:MM:SS}, which SQLite's date functions read. */
    SQLITE("jdbc:sqlite:", "TEXT", "CAST(strftime('%H', started_at) AS INTEGER)", "CREATE VIEW IF NOT EXISTS"),
    /** A server; timestamps as {@code timestamptz}. */
    POSTGRESQL("jdbc:postgresql:", "TIMESTAMP WITH TIME ZONE",
            "CAST(EXTRACT(HOUR FROM started_at AT TIME ZONE 'UTC') AS INTEGER)", "CREATE OR REPLACE VIEW");

    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final String prefix;
    private final String timestampType;
    private final String hourOf;
    private final String createView;

    Dialect(String prefix, String timestampType, String hourOf, String createView) {
        this.prefix = prefix;
        this.timestampType = timestampType;
        this.hourOf = hourOf;
        this.createView = createView;
    }

    /**
     * @param url a JDBC URL
     * @return its dialect
     * @throws IllegalArgumentException if it is neither SQLite nor PostgreSQL
     */
    static Dialect of(String url) {
        for (Dialect dialect : values()) {
            if (url.regionMatches(true, 0, dialect.prefix, 0, dialect.prefix.length())) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("database URL '" + url + "' is neither jdbc:sqlite:FILE nor"
                + " jdbc:postgresql://HOST[:PORT]/DATABASE: give one of those");
    }

    /** @return a point in time, to the second, as this database keeps it, for {@link PreparedStatement#setObject} */
    Object time(long epochSecond) {
        if (this == SQLITE) {
            return SQLITE_TIME.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** @return the statements that create version 1 of the schema where it is missing, in order */
    List<String> schema() {
        String ts = timestampType;
        return List.of(
                "CREATE TABLE IF NOT EXISTS executions ("
                        + "experiment VARCHAR(64) NOT NULL, probe VARCHAR(64) NOT NULL, target VARCHAR(253) NOT NULL,"
                        + " iteration_id BIGINT NOT NULL, started_at " + ts + " NOT NULL,"
                        + " outcome VARCHAR(11) NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'UNAVAILABLE')),"
                        + " exit_code INTEGER, elapsed_seconds DOUBLE PRECISION, reason TEXT,"
                        + " stdout_bytes BIGINT, stderr_bytes BIGINT,"
                        + " PRIMARY KEY (experiment, probe, target, iteration_id))",
                "CREATE TABLE IF NOT EXISTS iterations ("
                        + "experiment VARCHAR(64) NOT NULL, probe VARCHAR(64) NOT NULL, iteration_id BIGINT NOT NULL,"
                        + " started_at " + ts + " NOT NULL, succeeded INTEGER NOT NULL, failed INTEGER NOT NULL,"
                        + " unavailable INTEGER NOT NULL, seconds DOUBLE PRECISION NOT NULL,"
                        + " PRIMARY KEY (experiment, probe, iteration_id))",
                // the paper's Table 1: of the pairs of the iterations started in each hour of the day,
                // how many answered (available) and how many succeeded
                createView + " availability_by_hour AS SELECT experiment, probe, " + hourOf + " AS hour_utc,"
                        + " COUNT(*) AS iterations,"
                        + " ROUND(100.0 * SUM(succeeded + failed) / NULLIF(SUM(succeeded + failed + unavailable), 0), 1)"
                        + " AS pct_available,"
                        + " ROUND(100.0 * SUM(succeeded) / NULLIF(SUM(succeeded + failed + unavailable), 0), 1)"
                        + " AS pct_succeeded"
                        + " FROM iterations GROUP BY experiment, probe, " + hourOf,
                createView + " availability_by_target AS SELECT experiment, probe, target,"
                        + " COUNT(*) AS iterations,"
                        + " ROUND(100.0 * SUM(CASE WHEN outcome <> 'UNAVAILABLE' THEN 1 ELSE 0 END) / COUNT(*), 1)"
                        + " AS pct_available,"
                        + " ROUND(100.0 * SUM(CASE WHEN outcome = 'SUCCEEDED' THEN 1 ELSE 0 END) / COUNT(*), 1)"
                        + " AS pct_succeeded"
                        + " FROM executions GROUP BY experiment, probe, target");
    }
}
