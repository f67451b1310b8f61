package io.ddc.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.jdbc.Database;
import io.ddc.testing.HandMadeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}/{@code exec --db} and {@code export}, through the launcher, into SQLite files. */
final class ExportCommandTest {
    private static final String ROWS = "SELECT experiment, probe, target, iteration_id, outcome, exit_code, reason,"
            + " stdout_bytes FROM executions ORDER BY probe, target, iteration_id";

    @TempDir
    Path temp;

    @Test
    void execWithDb_writesIntoTheFolder_andExportElsewhereGivesTheSameRows_onceOnly() throws Exception {
        Cli.Run exec = Cli.run("exec", "--out", temp.toString(), "--target", "127.0.0.1", "--target", "127.0.0.2",
                "--db", "--", "echo", "hi");
        Path folder = temp.resolve("exec");
        Database live = Database.sqlite(folder.resolve("ddc.sqlite"));
        Database exported = Database.sqlite(temp.resolve("exported.sqlite"));

        Cli.Run first = Cli.run("export", folder.toString(), "--db", exported.url());
        Cli.Run second = Cli.run("export", folder.toString(), "--db", exported.url());

        assertThat(exec.exitCode()).as(exec.err()).isZero();
        assertThat(rows(live)).hasSize(2).allSatisfy(row -> assertThat(row).startsWith("exec|exec|127.0.0."))
                .allSatisfy(row -> assertThat(row).endsWith("|SUCCEEDED|0|null|3"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.outLines()).containsExactly("export: " + folder + " into " + exported.url()
                + ": experiment exec, 1 iteration row(s) and 2 execution row(s) written (rows already there kept)");
        assertThat(second.exitCode()).isZero();
        assertThat(rows(exported)).isEqualTo(rows(live));
    }

    @Test
    void export_ofTraceFilesAlone_loadsTheOutcomes() throws Exception {
        Path lab = HandMadeLab.folder(temp, "lab");
        Database database = Database.sqlite(temp.resolve("lab.sqlite"));

        Cli.Run run = Cli.run("export", lab.toString(), "--db", database.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows(database)).hasSize(22).contains("lab|cpu|m10|1719820800|FAILED|null|null|null");
    }

    @Test
    void export_refusesWhatItCannotUse_withExitCode2() throws Exception {
        Path lab = HandMadeLab.folder(temp, "lab");
        Path newer = temp.resolve("newer.sqlite");
        Database.sqlite(newer).prepare();
        try (Connection connection = Database.sqlite(newer).connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version) VALUES (7)");
        }

        Cli.Run missing = Cli.run("export", temp.resolve("nothing").toString(), "--db", "jdbc:sqlite:x.sqlite");
        Cli.Run password = Cli.run("export", lab.toString(), "--db", "jdbc:postgresql://db/ddc?password=s3cret");
        Cli.Run unset = Cli.run(Map.of(), "export", lab.toString(), "--db", "jdbc:postgresql://db/ddc",
                "--db-password-env", "DDC_DB_PASSWORD");
        Cli.Run other = Cli.run("export", lab.toString(), "--db", "jdbc:mysql://db/ddc");
        Cli.Run tooNew = Cli.run("export", lab.toString(), "--db", "jdbc:sqlite:" + newer);

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines().get(0)).isEqualTo("no experiment folder " + temp.resolve("nothing")
                + ": give the folder that holds the <probe>.trace files");
        assertThat(password.exitCode()).isEqualTo(2);
        assertThat(password.err()).startsWith("Invalid value for option '--db': the database URL must not hold a"
                + " password").doesNotContain("s3cret");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.errLines().get(0)).isEqualTo("Invalid value for option '--db': environment variable"
                + " DDC_DB_PASSWORD (the database password) is not set: set it before starting");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.errLines().get(0)).isEqualTo("Invalid value for option '--db': database URL"
                + " 'jdbc:mysql://db/ddc' is neither jdbc:sqlite:FILE nor jdbc:postgresql://HOST[:PORT]/DATABASE:"
                + " give one of those");
        assertThat(tooNew.exitCode()).isEqualTo(2);
        assertThat(tooNew.err()).isEqualTo("export: database jdbc:sqlite:" + newer + " holds results schema version 7,"
                + " newer than version 1 that this DDC writes: use the newer DDC that made it, or another database"
                + System.lineSeparator());
        assertThat(Files.exists(Path.of("x.sqlite"))).isFalse();
    }

    private static List<String> rows(Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(ROWS)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    row.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }
}
