package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.ChildJvm;
import io.ddc.testing.HandMadeLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An export killed with SIGKILL halfway keeps what it committed, and a rerun completes it without duplicates. */
final class ExportKillTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();
    private static final int ITERATIONS = 100;
    private static final int TARGETS = 10;

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void exportKilledHalfway_thenRunAgain_loadsEveryRowOnce(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        Path folder = Files.createDirectory(temp.resolve("fleet"));
        List<String> lines = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int t = 1; t <= TARGETS; t++) {
            all.append("m").append(t).append(',');
        }
        for (int i = 0; i < ITERATIONS; i++) {
            lines.add((1_719_820_800L + 60L * i) + "|" + TARGETS + "|0|0|100.0|1.0|" + all + "| | |");
        }
        HandMadeLab.write(folder.resolve("uptime.trace"), lines);
        long rows = ITERATIONS + (long) ITERATIONS * TARGETS;

        Process child = ChildJvm.start(ExportChild.class, temp.resolve("child.err"), database.url(), folder.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("child stderr: %s", temp.resolve("child.err")).isEqualTo("halfway");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long committed = Databases.count(database, "SELECT COUNT(*) FROM executions")
                + Databases.count(database, "SELECT COUNT(*) FROM iterations");

        FolderExport.builder(database).build().load(folder);
        FolderExport.builder(database).build().load(folder);

        assertThat(committed).isEqualTo(50);
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions")).isEqualTo(ITERATIONS * TARGETS);
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM iterations")).isEqualTo(ITERATIONS);
        assertThat(Databases.count(database, "SELECT COUNT(*) FROM executions")
                + Databases.count(database, "SELECT COUNT(*) FROM iterations")).isEqualTo(rows);
    }
}
