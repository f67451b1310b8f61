package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Outcome;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written in one batch come back exactly, each column, and writing them again adds nothing. */
final class RowWriterTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path root;

    private static List<Row.Execution> rows(int count) {
        List<Row.Execution> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean stored = i % 3 != 0;
            rows.add(new Row.Execution("exp", "p", "m" + (i % 7), T0 + 60L * i,
                    Outcome.values()[i % Outcome.values().length], stored ? i : null, stored ? i / 4.0 : null,
                    i % 5 == 0 ? "reason " + i : null, stored ? (long) i * 10 : null, stored ? (long) i : null));
        }
        return rows;
    }

    private static String text(Row.Execution row) {
        return row.target() + "|" + row.iterationId() + "|" + row.outcome() + "|" + row.exitCode() + "|"
                + row.elapsedSeconds() + "|" + row.reason() + "|" + row.stdoutBytes() + "|" + row.stderrBytes();
    }

    @Test
    void aBatchOfRowsIsWrittenOnce_andReadBackColumnByColumn() throws Exception {
        // written twice: the upsert adds nothing
        Database database = Database.of("jdbc:sqlite:" + root.resolve("rows.sqlite"));
        List<Row.Execution> rows = rows(101);
        for (int pass = 0; pass < 2; pass++) {
            try (RowWriter writer = new RowWriter(database.open(), database.dialect())) {
                for (Row.Execution row : rows) {
                    writer.add(row);
                }
                assertThat(writer.pending()).isEqualTo(101);
                writer.commit();
                assertThat(writer.pending()).isZero();
            }
        }

        List<String> found = new ArrayList<>();
        try (var connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT target, iteration_id, outcome, exit_code,"
                        + " elapsed_seconds, reason, stdout_bytes, stderr_bytes FROM executions ORDER BY iteration_id")) {
            while (result.next()) {
                found.add(result.getString(1) + "|" + result.getLong(2) + "|" + result.getString(3) + "|"
                        + result.getObject(4) + "|" + result.getObject(5) + "|" + result.getString(6) + "|"
                        + result.getObject(7) + "|" + result.getObject(8));
            }
        }
        assertThat(found).isEqualTo(rows.stream().map(RowWriterTest::text).toList());
    }
}
