package io.ddc.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --target} and {@code --targets} through {@code ddc demo}: bad names, bad lines and bad
 * combinations are refused with exit code 2 and a message naming the option and the entry, before
 * anything is written; good ones replace the demo's loopback targets.
 */
final class TargetOptionsTest {
    @TempDir
    Path temp;

    /** Runs {@code ddc demo --out <temp>/root ARGS...}. */
    private Cli.Run demo(String... args) {
        List<String> command = new ArrayList<>(List.of("demo", "--out", temp.resolve("root").toString()));
        command.addAll(List.of(args));
        return Cli.run(command.toArray(String[]::new));
    }

    private void assertRefused(Cli.Run run, String message) throws InterruptedException {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(message, "Try 'ddc demo --help' for more information.");
        assertThat(temp.resolve("root")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }

    @Test
    void target_andTargets_together_areRefused() throws IOException, InterruptedException {
        Path file = Files.writeString(temp.resolve("targets.txt"), "m02\n", UTF_8);

        Cli.Run run = demo("--target", "m01", "--targets", file.toString());

        assertRefused(run, "--target and --targets cannot be used together: give the targets one way");
    }

    @Test
    void target_withWhitespace_namesTheEntry() throws InterruptedException {
        Cli.Run run = demo("--target", "m01", "--target", "lab pc");

        assertRefused(run, "Invalid value for option '--target': target 'lab pc' contains whitespace");
    }

    @Test
    void target_thatCouldLeaveTheStorageRoot_namesTheEntry() throws InterruptedException {
        Cli.Run run = demo("--target", "..");

        assertRefused(run, "Invalid value for option '--target': target '..' contains '..', which could make it a"
                + " path");
    }

    @Test
    void target_twice_namesTheEntry() throws InterruptedException {
        Cli.Run run = demo("--target", "m01", "--target", "M01");

        assertRefused(run, "Invalid value for option '--target': target 'M01' appears twice in the pool");
    }

    @Test
    void targets_aBadLine_namesTheFileAndTheLineNumber() throws IOException, InterruptedException {
        Path file = Files.writeString(temp.resolve("targets.txt"),
                "# lab 1\n\nm01\nm02 # by the window\nbad;name\nm03\n", UTF_8);

        Cli.Run run = demo("--runner", "psexec", "--targets", file.toString());

        assertRefused(run, "Invalid value for option '--targets': targets file " + file
                + ": line 5: target 'bad;name' contains the shell metacharacter ';'");
    }

    @Test
    void targets_aDuplicateLine_namesBothLines() throws IOException, InterruptedException {
        Path file = Files.writeString(temp.resolve("targets.txt"), "m01\nm02\nm01\n", UTF_8);

        Cli.Run run = demo("--targets", file.toString());

        assertRefused(run, "Invalid value for option '--targets': targets file " + file
                + ": line 3: duplicate target 'm01' (first on line 1)");
    }

    @Test
    void targets_onlyComments_isRefused() throws IOException, InterruptedException {
        Path file = Files.writeString(temp.resolve("targets.txt"), "# nobody yet\n\n", UTF_8);

        Cli.Run run = demo("--targets", file.toString());

        assertRefused(run, "Invalid value for option '--targets': targets file " + file + " contains no target");
    }

    @Test
    void targets_aMissingFile_isRefused() throws InterruptedException {
        Path file = temp.resolve("no-such-targets.txt");

        Cli.Run run = demo("--targets", file.toString());

        assertRefused(run, "--targets " + file + " does not exist");
    }

    @Test
    void target_withTheLocalRunner_replacesTheLoopbackTargets_andTheirCheck() throws IOException, InterruptedException {
        Cli.Run run = demo("--target", "127.0.0.5", "--iterations", "1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).anyMatch(line -> line.startsWith("demo: probes [os, load, hello, broken] (Linux"
                        + " commands) on [127.0.0.5] with the local runner, 1 iteration(s)"))
                .contains("  availability: always available; probe 'broken' fails on purpose",
                        "  failed, 1 result of probe broken on 127.0.0.5: exit code 2 is not accepted (accepted: 0)",
                        "  (probe 'broken' fails on every target on purpose, to show what a failure looks like)");
        assertThat(temp.resolve("root").resolve("demo").resolve("127.0.0.5").resolve("hello.stdout")).content(UTF_8)
                .contains("\nhello from 127.0.0.5\n");
        assertThat(temp.resolve("root").resolve("demo").resolve("127.0.0.1")).doesNotExist();
        assertThat(Cli.demoThreads()).isEmpty();
    }
}
