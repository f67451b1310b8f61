package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.ExecutionResult;
import io.ddc.IterationStart;
import io.ddc.Target;
import io.ddc.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders' validation, and the listener's bounded backlog. */
final class BuildersTest {
    @TempDir
    Path temp;

    @Test
    void database_refusesOtherDatabases_passwordsInTheUrl_andEmptyUsers() {
        assertThatThrownBy(() -> Database.of("jdbc:mysql://db/ddc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database URL 'jdbc:mysql://db/ddc' is neither jdbc:sqlite:FILE nor"
                        + " jdbc:postgresql://HOST[:PORT]/DATABASE: give one of those");
        assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/ddc?user=ddc&Password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2")
                .hasMessage("the database URL must not hold a password (it would show in logs and process lists):"
                        + " give it through an environment variable (--db-password-env VAR,"
                        + " PasswordSource.fromEnvironment)");
        assertThatThrownBy(() -> Database.builder("jdbc:postgresql://db/ddc").user("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the database user is empty");
        assertThat(Database.builder("jdbc:postgresql://db/ddc").user("ddc")
                .password(() -> "hunter2".toCharArray()).build())
                .hasToString("Database[jdbc:postgresql://db/ddc, user ddc, password from a source]");
    }

    @Test
    void passwordSource_namesTheVariable_neverItsValue() {
        assertThatThrownBy(() -> PasswordSource.fromEnvironment("DDC_DB_PASSWORD", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("environment variable DDC_DB_PASSWORD"
                        + " (the database password) is not set: set it before starting");
        assertThatThrownBy(() -> PasswordSource.fromEnvironment("DDC_DB_PASSWORD", Map.of("DDC_DB_PASSWORD", "")))
                .hasMessage("environment variable DDC_DB_PASSWORD (the database password) is empty: set it before"
                        + " starting");
        assertThat(PasswordSource.fromEnvironment("V", Map.of("V", "s3cret")).password()).containsExactly(
                's', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void exportAndListenerBuilders_refuseBadValues() {
        Database database = Database.sqlite(temp.resolve("x.sqlite"));
        assertThatThrownBy(() -> FolderExport.builder(database).batchSize(0))
                .hasMessage("batch size must be at least 1 row, got 0");
        assertThatThrownBy(() -> FolderExport.builder(database).experiment("../lab"))
                .hasMessage("experiment name '../lab' is not 1 to 64 of A-Z a-z 0-9 . _ - starting with neither '.'"
                        + " nor '-'");
        assertThatThrownBy(() -> DatabaseListener.builder(database).capacity(0))
                .hasMessage("capacity must be at least 1 row, got 0");
        assertThatThrownBy(() -> DatabaseListener.builder(database).retryInterval(Duration.ZERO))
                .hasMessage("retryInterval must be at least 1 ms, got PT0S");
        assertThatThrownBy(() -> DatabaseListener.builder(database).closeTimeout(Duration.ofSeconds(-1)))
                .hasMessage("closeTimeout must not be negative, got PT-1S");
    }

    @Test
    void fullBacklog_keepsNoMore_andSaysToRunExport() throws Exception {
        Path file = temp.resolve("results.sqlite");
        Database.sqlite(file).prepare();
        Database readOnly = Database.of("jdbc:sqlite:" + file + "?open_mode=1");
        DatabaseListener listener;
        try (LogCapture log = new LogCapture("io.ddc.jdbc.")) {
            listener = DatabaseListener.builder(readOnly).capacity(2).batchSize(1).folder(temp.resolve("lab"))
                    .retryInterval(Duration.ofHours(1)).closeTimeout(Duration.ZERO).build();
            try {
                listener.iterationStarted(new IterationStart("lab", 1000, 10));
                for (int i = 0; i < 10; i++) {
                    listener.executionFinished(ExecutionResult.unavailable(Target.of("m" + i), "cpu", 1000, "off"));
                }
            } finally {
                listener.close();
            }

            assertThat(listener.written()).isZero();
            assertThat(listener.dropped()).isEqualTo(10);
            assertThat(log.warnings()).filteredOn(line -> line.contains("are not kept")).singleElement().asString()
                    .endsWith("run `ddc export " + temp.resolve("lab") + " --db " + readOnly.url()
                            + "` to fill them in");
        }
    }
}
