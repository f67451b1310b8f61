package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.DdcException;
import io.ddc.files.ExperimentFolder;
import io.ddc.testing.HandMadeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema, the export and the listener, the same suite against SQLite and a real PostgreSQL. */
final class ResultsDatabaseTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();
    private static final String ALL_EXECUTIONS = "SELECT experiment, probe, target, iteration_id, outcome, exit_code,"
            + " CASE WHEN elapsed_seconds IS NULL THEN 0 ELSE 1 END, reason, stdout_bytes, stderr_bytes FROM executions"
            + " ORDER BY experiment, probe, target, iteration_id";
    private static final String ALL_ITERATIONS = "SELECT experiment, probe, iteration_id, succeeded, failed,"
            + " unavailable FROM iterations ORDER BY experiment, probe, iteration_id";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void schema_isCreatedOnce_withItsVersion(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        database.prepare();
        database.prepare();

        assertThat(Databases.query(database, "SELECT version FROM schema_version")).containsExactly(List.of("1"));
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions")).isZero();
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM availability_by_hour")).isZero();
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM availability_by_target")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void newerSchema_isRefused_sayingWhatToDo(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        database.prepare();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version) VALUES (2)");
        }

        assertThatThrownBy(database::prepare).isInstanceOf(DdcException.class)
                .hasMessage("database " + database.url() + " holds results schema version 2, newer than version 1"
                        + " that this DDC writes: use the newer DDC that made it, or another database");
        assertThatThrownBy(() -> FolderExport.builder(database).build().load(HandMadeLab.folder(temp, "lab")))
                .isInstanceOf(DdcException.class).hasMessageContaining("schema version 2");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void export_writesEveryStoredRecordAndTraceLine_andAgainAddsNothing(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        Lab.run(temp, 3, List.of(), iteration -> {});
        Path folder = temp.resolve("lab");

        FolderExport.Summary first = FolderExport.builder(database).batchSize(7).build().load(folder);
        List<List<String>> executions = Databases.query(database, ALL_EXECUTIONS);
        List<List<String>> iterations = Databases.query(database, ALL_ITERATIONS);
        FolderExport.builder(database).build().load(folder);

        assertThat(first.experiment()).isEqualTo("lab");
        assertThat(first.problems()).isEmpty();
        assertThat(executions).hasSize(3 * 2 * 3);
        assertThat(iterations).hasSize(2 * 3);
        assertThat(Databases.query(database, ALL_EXECUTIONS)).isEqualTo(executions);
        assertThat(Databases.query(database, ALL_ITERATIONS)).isEqualTo(iterations);
        String second = String.valueOf(Lab.START + 60);
        assertThat(executions).contains(
                List.of("lab", "fails", "127.0.0.1", second, "FAILED", "3", "1", "exit code 3 is not accepted (accepted: 0)",
                        "0", "5"),
                Arrays.asList("lab", "hello", "127.0.0.2", second, "SUCCEEDED", "0", "1", null, "3", "0"),
                Arrays.asList("lab", "hello", "127.0.0.9", second, "UNAVAILABLE", null, "1", "switched off",
                        "0", "0"));
        assertThat(iterations).contains(List.of("lab", "hello", second, "2", "0", "1"));
        assertThat(Databases.query(database, "SELECT target, iterations, pct_available, pct_succeeded"
                + " FROM availability_by_target WHERE probe = 'hello' ORDER BY target")).containsExactly(
                List.of("127.0.0.1", "3", "100.0", "100.0"), List.of("127.0.0.2", "3", "100.0", "100.0"),
                List.of("127.0.0.9", "3", "0.0", "0.0"));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void listener_writesWhatTheExportWould_andTheExportThenAddsNothing(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        try (DatabaseListener listener = DatabaseListener.builder(database).batchSize(4).build()) {
            Lab.run(temp, 3, List.of(listener), iteration -> {});
        }
        List<List<String>> live = Databases.query(database, ALL_EXECUTIONS);
        List<List<String>> liveIterations = Databases.query(database, ALL_ITERATIONS);

        FolderExport.builder(database).build().load(temp.resolve("lab"));
        Database exported = DATABASES.create(kind, temp);
        FolderExport.builder(exported).build().load(temp.resolve("lab"));

        assertThat(live).hasSize(18);
        assertThat(Databases.query(database, ALL_EXECUTIONS)).isEqualTo(live);
        assertThat(Databases.query(database, ALL_ITERATIONS)).isEqualTo(liveIterations);
        assertThat(Databases.query(exported, ALL_EXECUTIONS)).isEqualTo(live);
        assertThat(Databases.query(exported, ALL_ITERATIONS)).isEqualTo(liveIterations);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void traceFilesAlone_giveOutcomes_andTheRecordsCompleteThemLater(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        Lab.run(temp.resolve("full"), 2, List.of(), iteration -> {});
        Path full = temp.resolve("full").resolve("lab");
        Path mailed = Files.createDirectories(temp.resolve("mailed").resolve("lab"));
        for (Path trace : ExperimentFolder.of(full).traceFiles()) {
            Files.copy(trace, mailed.resolve(trace.getFileName()));
        }

        FolderExport.builder(database).build().load(mailed);
        List<List<String>> fromTraces = Databases.query(database, ALL_EXECUTIONS);
        FolderExport.builder(database).build().load(full);

        assertThat(fromTraces).hasSize(12).contains(Arrays.asList("lab", "fails", "127.0.0.1",
                String.valueOf(Lab.START), "FAILED", null, "0", null, null, null));
        assertThat(Databases.query(database, ALL_EXECUTIONS)).hasSize(12).contains(List.of("lab", "fails", "127.0.0.1",
                String.valueOf(Lab.START), "FAILED", "3", "1", "exit code 3 is not accepted (accepted: 0)", "0", "5"));
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions WHERE elapsed_seconds IS NULL")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void availabilityByHour_isThePapersTable1(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        FolderExport.builder(database).build().load(HandMadeLab.folder(temp, "lab"));

        // worked out by hand from HandMadeLab.CPU: 08:00 and 08:30 give 4 of 6 pairs available, 3 succeeded
        assertThat(Databases.query(database, "SELECT hour_utc, iterations, pct_available, pct_succeeded"
                + " FROM availability_by_hour WHERE probe = 'cpu' ORDER BY hour_utc")).containsExactly(
                List.of("8", "2", "66.7", "50.0"), List.of("11", "1", "100.0", "100.0"),
                List.of("22", "1", "33.3", "0.0"));
    }
}
