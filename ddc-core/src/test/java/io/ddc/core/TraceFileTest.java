package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.files.TraceReader;
import io.ddc.TraceLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TraceFileTest {
    private static final long T0 = 1_081_948_390L;

    @TempDir
    Path folder;

    private Path trace() {
        return folder.resolve("p.trace");
    }

    private static TraceLine line(long id) {
        return new TraceLine(id, Duration.ofMillis(381_900), List.of("m01", "m02"), List.of(), List.of("m12", "m13"));
    }

    private Path write(String content) throws IOException {
        return Files.write(trace(), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appendWritesExactlyOneLineAndItsNewline() throws Exception {
        TraceFile.append(trace(), line(T0));

        assertThat(Files.readString(trace())).isEqualTo("1081948390|2|0|2|50.0|381.9|m01,m02,| |m12,m13,|\n");
    }

    @Test
    void appendAddsToWhatIsThere() throws Exception {
        write("1081948330|0|0|0|0.0|0.0| | | |\n");

        TraceFile.append(trace(), line(T0));
        TraceFile.append(trace(), new TraceLine(T0 + 60, Duration.ofMillis(49), List.of(), List.of("m01"), List.of()));

        assertThat(Files.readString(trace())).isEqualTo("1081948330|0|0|0|0.0|0.0| | | |\n"
                + "1081948390|2|0|2|50.0|381.9|m01,m02,| |m12,m13,|\n"
                + "1081948450|0|1|0|0.0|0.0| |m01,| |\n");
    }

    @Test
    void appendToAFolderThatDoesNotExistNamesTheFile() {
        Path missing = folder.resolve("gone/p.trace");

        assertThatThrownBy(() -> TraceFile.append(missing, line(T0))).isInstanceOf(IOException.class)
                .hasMessage("cannot append to trace file " + missing + ": " + missing);
    }

    @Test
    void repairTailCutsAPartialLastLineAndReturnsTheBytesCut() throws Exception {
        String partial = "1081948510|1|0|0|10";
        write("1081948390|1|0|0|100.0|0.1|a,| | |\n1081948450|1|0|0|100.0|0.1|a,| | |\n" + partial);

        long cut = TraceFile.repairTail(trace());

        assertThat(cut).isEqualTo(partial.length()).isEqualTo(19);
        assertThat(Files.readString(trace()))
                .isEqualTo("1081948390|1|0|0|100.0|0.1|a,| | |\n1081948450|1|0|0|100.0|0.1|a,| | |\n");
    }

    @Test
    void repairTailCutsAWholeLineThatLacksOnlyItsNewline() throws Exception {
        String whole = "1081948450|1|0|0|100.0|0.1|a,| | |";
        write("1081948390|1|0|0|100.0|0.1|a,| | |\n" + whole);

        assertThat(TraceFile.repairTail(trace())).isEqualTo(whole.length()).isEqualTo(34);
        assertThat(Files.readString(trace())).isEqualTo("1081948390|1|0|0|100.0|0.1|a,| | |\n");
    }

    @Test
    void repairTailCutsAFileWithoutAnyNewlineToNothing() throws Exception {
        write("1081948390|1|0|0|1");

        assertThat(TraceFile.repairTail(trace())).isEqualTo(18);
        assertThat(Files.size(trace())).isZero();
    }

    @Test
    void repairTailLeavesACompleteFileAlone() throws Exception {
        String complete = "1081948390|1|0|0|100.0|0.1|a,| | |\n1081948450|1|0|0|100.0|0.1|a,| | |\n";
        write(complete);

        assertThat(TraceFile.repairTail(trace())).isZero();
        assertThat(Files.readString(trace())).isEqualTo(complete);
    }

    @Test
    void repairTailOfAnEmptyFileCutsNothing() throws Exception {
        write("");

        assertThat(TraceFile.repairTail(trace())).isZero();
        assertThat(Files.size(trace())).isZero();
    }

    @Test
    void repairTailOfAMissingFileCutsNothingAndCreatesNothing() throws Exception {
        assertThat(TraceFile.repairTail(trace())).isZero();
        assertThat(trace()).doesNotExist();
    }

    @Test
    void repairTailFindsTheLastNewlineFarBeforeTheEnd() throws Exception {
        // the partial line is longer than the 8 KiB the backward scan reads at a time
        String kept = "1081948390|1|0|0|100.0|0.1|a,| | |\n";
        String partial = "x".repeat(20_000);
        write(kept + partial);

        assertThat(TraceFile.repairTail(trace())).isEqualTo(20_000);
        assertThat(Files.readString(trace())).isEqualTo(kept);
    }

    @Test
    void repairTailFindsANewlineRightAtAScanBoundary() throws Exception {
        for (int tail : new int[] {8191, 8192, 8193}) {
            String kept = "y".repeat(100) + "\n";
            write(kept + "x".repeat(tail));

            assertThat(TraceFile.repairTail(trace())).as("tail of %d bytes", tail).isEqualTo(tail);
            assertThat(Files.readString(trace())).isEqualTo(kept);
        }
    }

    @Test
    void repairTailCutsNulBytesLeftByACrash() throws Exception {
        byte[] line = "1081948390|1|0|0|100.0|0.1|a,| | |\n".getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[line.length + 512];
        System.arraycopy(line, 0, content, 0, line.length);
        Files.write(trace(), content);

        assertThat(TraceFile.repairTail(trace())).isEqualTo(512);
        assertThat(Files.readAllBytes(trace())).isEqualTo(line);
    }

    @Test
    void aRepairedFileTakesNewLinesOnLinesOfTheirOwn() throws Exception {
        write("1081948390|1|0|0|100.0|0.1|a,| | |\n108194");

        TraceFile.repairTail(trace());
        TraceFile.append(trace(), line(T0 + 60));

        assertThat(TraceReader.readAll(trace())).extracting(TraceLine::iterationId).containsExactly(T0, T0 + 60);
    }
}
