package io.ddc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.IterationStart;
import io.ddc.Output;
import io.ddc.Target;
import io.ddc.testing.HandMadeLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three queries of the README's "Results database" section, read from the README itself and run
 * against a loaded database: {@link HandMadeLab}'s trace files exported, plus the reasons of its
 * cpu failures and a machine never seen on, written through the listener.
 */
final class ReadmeQueriesTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();
    private static final String EXIT_2 = "exit code 2 is not accepted (accepted: 0)";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theReadmesQueries_answerTheirQuestions(Databases.Kind kind) throws Exception {
        Database database = DATABASES.create(kind, temp);
        FolderExport.builder(database).build().load(HandMadeLab.folder(temp, "lab"));
        try (DatabaseListener listener = DatabaseListener.builder(database).build()) {
            for (long iteration : new long[] {1719820800L, 1719871200L}) {
                listener.iterationStarted(new IterationStart("lab", iteration, 4));
                listener.executionFinished(ExecutionResult.unavailable(Target.of("m99"), "cpu", iteration,
                        "no answer to ping"));
            }
            listener.executionFinished(failed("m10", 1719820800L));
            listener.executionFinished(failed("m1", 1719871200L));
        }
        List<String> queries = readmeQueries();

        assertThat(queries).hasSize(3);
        assertThat(Databases.query(database, queries.get(0))).containsExactly(List.of("m99"));
        assertThat(Databases.query(database, queries.get(1))).containsExactly(List.of("11", "100.0"));
        assertThat(Databases.query(database, queries.get(2))).containsExactly(List.of(EXIT_2, "2", "2"));
    }

    private static ExecutionResult failed(String target, long iteration) {
        return new ExecutionResult(Target.of(target), "cpu", iteration, OptionalInt.of(2), Output.empty(),
                Output.empty(), Duration.ofMillis(120), Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED,
                        EXIT_2)));
    }

    /** The {@code sql} blocks of the README's section "Results database", in order. */
    private static List<String> readmeQueries() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Results database\n");
        assertThat(start).as("README section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> queries = new ArrayList<>();
        int from = 0;
        while ((from = section.indexOf("```sql\n", from)) >= 0) {
            int close = section.indexOf("```", from + 7);
            queries.add(section.substring(from + 7, close).strip().replaceAll(";$", ""));
            from = close + 3;
        }
        return queries;
    }
}
