package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.TraceLine;
import io.ddc.files.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --file}: the command line wins over the file, and the file's own combinations. */
final class RunFileTest {
    private static final String FILE = """
            name: lab
            targets: [127.0.0.1, 127.0.0.2]
            parallelism: 2
            schedule: {interval: 1s, iterations: 3}
            grace: 5s
            out: ./from-file
            probes:
              - name: p
                command: [echo, hi]
            """;

    @TempDir
    Path temp;

    private Path file() throws IOException {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, FILE, UTF_8);
        return file;
    }

    @Test
    void theFilesValues_areUsed_relativeToItsFolder() throws IOException {
        Cli.Run run = Cli.run("run", "--file", file().toString(), "--iterations", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lab: probes [p] on 2 target(s) with the local runner, one iteration,"
                + " parallelism 2", "storage: " + temp.resolve("from-file/lab"));
    }

    @Test
    void commandLineOptions_overrideTheFile() throws IOException {
        Path root = temp.resolve("from-options");

        Cli.Run run = Cli.run("run", "--file", file().toString(), "--out", root.toString(), "--iterations", "1",
                "--target", "127.0.0.3", "--parallelism", "1", "--experiment", "other");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // --experiment names the folder, and so the experiment
        assertThat(run.out()).contains("other: probes [p] on 1 target(s) with the local runner, one iteration,"
                + " parallelism 1", "storage: " + root.resolve("other"));
        List<TraceLine> lines = TraceReader.readAll(root.resolve("other/p.trace"));
        assertThat(lines).singleElement().satisfies(line -> assertThat(line.succeeded()).containsExactly("127.0.0.3"));
        assertThat(temp.resolve("from-file")).doesNotExist();
    }

    @Test
    void theFilesDatabase_isWritten_relativeToItsFolder_andTheCommandLineWins() throws Exception {
        Path file = temp.resolve("lab.yaml");
        Files.writeString(file, FILE.replace("probes:", "db: jdbc:sqlite:lab.sqlite\nprobes:"), UTF_8);

        Cli.Run fromFile = Cli.run("run", "--file", file.toString(), "--iterations", "1");
        Path other = temp.resolve("other.sqlite");
        Cli.Run fromOption = Cli.run("run", "--file", file.toString(), "--iterations", "1", "--fresh-start",
                "--db", "jdbc:sqlite:" + other);

        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromOption.exitCode()).as(fromOption.err()).isZero();
        assertThat(executions(temp.resolve("lab.sqlite"))).isEqualTo(2);
        assertThat(executions(other)).as("--db replaces the file's db").isEqualTo(2);
    }

    private static int executions(Path sqlite) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + sqlite);
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM executions")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void nameAndFile_together_areRefused() throws IOException {
        Cli.Run run = Cli.run("run", "demo", "--file", file().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.errLines()).first().isEqualTo("give NAME or --file EXPERIMENT.yaml, not both");
    }

    @Test
    void classPath_withoutFile_isRefused() {
        Cli.Run run = Cli.run("run", "demo", "--class-path", temp.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.errLines()).first().isEqualTo("--class-path is only for --file: it is where the file's"
                + " post-collector classes are");
    }

    @Test
    void aMissingFile_isRefused_namingIt() {
        Path missing = temp.resolve("missing.yaml");

        Cli.Run run = Cli.run("run", "--file", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(run.errLines()).first().isEqualTo(missing + ": does not exist");
    }
}
