package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Completion;
import io.ddc.testing.LiveThreads;
import io.ddc.testing.LogCapture;
import io.ddc.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that goes down, is read-only or refuses the password never holds up the experiment. */
final class DatabaseFaultsTest {
    private static final String LOGGERS = "io.ddc.jdbc.";

    @TempDir
    Path temp;

    @Test
    void postgresStoppedMidRunAndStartedAgain_losesNothing_andDuplicatesNothing() throws Exception {
        try (PostgresServer server = PostgresServer.trusting(); LogCapture log = new LogCapture(LOGGERS)) {
            Database database = Database.of(server.createDatabase("lab"));
            boolean[] stopped = {false};
            boolean[] started = {false};
            Completion completion;
            DatabaseListener listener = DatabaseListener.builder(database).batchSize(2)
                    .retryInterval(Duration.ofMillis(50)).build();
            try {
                completion = Lab.run(temp, 6, List.of(listener), iteration -> {
                    try {
                        if (iteration >= 2 && !stopped[0]) {
                            stopped[0] = true;
                            server.stop();
                        } else if (iteration >= 4 && !started[0]) {
                            started[0] = true;
                            server.start();
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } finally {
                listener.close();
            }
            long written = listener.written();

            assertThat(completion.iterations()).isEqualTo(6);
            assertThat(started[0]).isTrue();
            assertThat(log.warnings()).singleElement().asString().startsWith("results database " + database.url()
                    + ": cannot write (").contains("the experiment goes on");
            assertThat(written).isEqualTo(6 * 2 * 3 + 6 * 2);
            assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions")).isEqualTo(36);
            assertThat(Databases.count(database, "SELECT COUNT(*) FROM iterations")).isEqualTo(12);
            FolderExport.builder(database).build().load(temp.resolve("lab"));
            assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions")).isEqualTo(36);
            assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions WHERE elapsed_seconds IS NULL"))
                    .isZero();
        }
        assertThat(LiveThreads.working(name -> name.equals("ddc-db-writer"))).isEmpty();
    }

    @Test
    void readOnlySqliteFile_warnsOnce_andTheExperimentGoesOn() throws Exception {
        Path file = temp.resolve("results.sqlite");
        Database.sqlite(file).prepare();
        // root writes files whatever their mode, so open it read-only as SQLite does when it cannot write it
        Database readOnly = Database.of("jdbc:sqlite:" + file + "?open_mode=1");
        try (LogCapture log = new LogCapture(LOGGERS)) {
            Completion completion;
            try (DatabaseListener listener = DatabaseListener.builder(readOnly).folder(temp.resolve("lab"))
                    .retryInterval(Duration.ofMillis(20)).closeTimeout(Duration.ofMillis(100)).build()) {
                completion = Lab.run(temp, 2, List.of(listener), iteration -> {});
            }

            assertThat(completion.iterations()).isEqualTo(2);
            assertThat(log.warnings()).hasSize(2);
            assertThat(log.warnings().get(0)).contains("cannot write").containsIgnoringCase("readonly");
            assertThat(log.warnings().get(1)).contains("results are not written: run `ddc export "
                    + temp.resolve("lab") + " --db " + readOnly.url() + "`");
        }
        assertThat(Databases.count(Database.sqlite(file), "SELECT COUNT(*) FROM executions")).isZero();
    }

    @Test
    void wrongPassword_warnsClearly_neverShowsThePassword_andTheExperimentGoesOn() throws Exception {
        String right = "right-horse-battery-17";
        String wrong = "wrong-staple-4711";
        try (PostgresServer server = PostgresServer.withPassword(right); LogCapture log = new LogCapture(LOGGERS)) {
            String url = server.url("postgres");
            Database refused = Database.builder(url)
                    .password(PasswordSource.fromEnvironment("DDC_DB_PASSWORD", Map.of("DDC_DB_PASSWORD", wrong)))
                    .build();
            Completion completion;
            try (DatabaseListener listener = DatabaseListener.builder(refused).retryInterval(Duration.ofMillis(20))
                    .closeTimeout(Duration.ofMillis(100)).build()) {
                completion = Lab.run(temp.resolve("refused"), 2, List.of(listener), iteration -> {});
            }
            Database accepted = Database.builder(url)
                    .password(PasswordSource.fromEnvironment("DDC_DB_PASSWORD", Map.of("DDC_DB_PASSWORD", right)))
                    .build();
            try (DatabaseListener listener = DatabaseListener.builder(accepted).build()) {
                Lab.run(temp.resolve("accepted"), 1, List.of(listener), iteration -> {});
            }

            assertThat(completion.iterations()).isEqualTo(2);
            assertThat(log.warnings().get(0)).contains("cannot write (FATAL: password authentication failed for user \"ddc\")");
            assertThat(log.all()).doesNotContain(wrong).doesNotContain(right);
            assertThat(refused.toString()).doesNotContain(wrong);
            assertThat(Databases.count(accepted, "SELECT COUNT(*) FROM executions")).isEqualTo(6);
        }
    }
}
