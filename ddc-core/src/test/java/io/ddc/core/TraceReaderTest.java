package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.files.TraceReader;
import io.ddc.TraceLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TraceReaderTest {
    private static final long T0 = 1_081_948_390L;
    private static final String LINE_1 = "1081948390|120|0|49|71.0|381.9|m01,m02,| |m12,m13,|";
    private static final String LINE_2 = "1081948450|2|1|0|66.7|0.4|m01,m02,|m12,| |";
    private static final String LINE_3 = "1081948510|0|0|0|0.0|0.0| | | |";

    @TempDir
    Path folder;

    private final List<TraceLine> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private Path trace() {
        return folder.resolve("p.trace");
    }

    private Path write(String content) throws IOException {
        return Files.write(trace(), content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(trace(), content);
    }

    private long read(Path file) throws IOException {
        return TraceReader.read(file, lines::add, problems::add);
    }

    private static String threeLines() {
        // the paper's own example has 169 names; a shorter list keeps the counts consistent
        return "1081948390|2|0|2|50.0|381.9|m01,m02,| |m12,m13,|\n" + LINE_2 + "\n" + LINE_3 + "\n";
    }

    @Test
    void everyGoodLineIsReadInFileOrder() throws Exception {
        long good = read(write(threeLines()));

        assertThat(good).isEqualTo(3);
        assertThat(problems).isEmpty();
        assertThat(lines).containsExactly(
                new TraceLine(T0, Duration.ofMillis(381_900), List.of("m01", "m02"), List.of(), List.of("m12", "m13")),
                new TraceLine(T0 + 60, Duration.ofMillis(400), List.of("m01", "m02"), List.of("m12"), List.of()),
                new TraceLine(T0 + 120, Duration.ZERO, List.of(), List.of(), List.of()));
    }

    @Test
    void theLinesOfAFileShareTheirNames() throws Exception {
        read(write(threeLines()));

        assertThat(lines.get(1).succeeded().get(0)).isSameAs(lines.get(0).succeeded().get(0));
        assertThat(lines.get(1).succeeded().get(1)).isSameAs(lines.get(0).succeeded().get(1));
        assertThat(lines.get(1).failed().get(0)).isSameAs(lines.get(0).unavailable().get(0));
    }

    @Test
    void aDamagedLineDoesNotSpoilTheNamesOfTheNextOnes() throws Exception {
        Path file = write(LINE_2 + "\n" + "1081948450|2|1|0|66.7|0.4|m01,m 02,|m12,| |\n"
                + "1081948450|2|1|0|66.7|0.4|m01,m02\u00A0,|m12,| |\n" + LINE_2 + "\n");

        assertThat(read(file)).isEqualTo(2);
        assertThat(lines).containsExactly(TraceLine.parse(LINE_2), TraceLine.parse(LINE_2));
        assertThat(problems).containsExactly(
                file + " line 2: bad name in the succeeded list: 'm 02'",
                file + " line 3: bad name in the succeeded list: 'm02\u00A0'");
    }

    @Test
    void anEmptyFileHasNoLinesAndNoProblems() throws Exception {
        assertThat(read(write(""))).isZero();
        assertThat(lines).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aDamagedMiddleLineIsReportedWithItsLineNumberAndSkipped() throws Exception {
        Path file = write(LINE_2 + "\n" + "1081948450|2|1|\n" + LINE_3 + "\n" + LINE_1 + "\n" + LINE_2 + "\n");

        long good = read(file);

        assertThat(good).isEqualTo(3);
        assertThat(lines).extracting(TraceLine::iterationId).containsExactly(T0 + 60, T0 + 120, T0 + 60);
        assertThat(problems).containsExactly(
                file + " line 2: trace line has 3 fields, expected 9",
                file + " line 4: trace line counts 120 succeeded but lists 2");
    }

    @Test
    void aTornLastLineIsReportedAndSkipped() throws Exception {
        Path file = write(LINE_2 + "\n" + LINE_3 + "\n" + "1081948570|1|0|0|10");

        long good = read(file);

        assertThat(good).isEqualTo(2);
        assertThat(lines).extracting(TraceLine::iterationId).containsExactly(T0 + 60, T0 + 120);
        assertThat(problems).containsExactly(
                file + " line 3: partial last line of 19 characters (an interrupted write) skipped");
    }

    @Test
    void aLastLineWithoutItsNewlineCountsAsTornEvenIfItParses() throws Exception {
        Path file = write(LINE_2 + "\n" + LINE_3);

        assertThat(read(file)).isEqualTo(1);
        assertThat(lines).extracting(TraceLine::iterationId).containsExactly(T0 + 60);
        assertThat(problems).containsExactly(
                file + " line 2: partial last line of " + LINE_3.length() + " characters (an interrupted write) skipped");
    }

    @Test
    void aFileWithOnlyATornLineHasNoLines() throws Exception {
        Path file = write("1081948");

        assertThat(read(file)).isZero();
        assertThat(problems).containsExactly(
                file + " line 1: partial last line of 7 characters (an interrupted write) skipped");
    }

    @Test
    void malformedUtf8IsReportedAsABadLineNotThrown() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write((LINE_2 + "\n").getBytes(StandardCharsets.US_ASCII));
        content.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, '|', '\n'});
        content.write((LINE_3 + "\n").getBytes(StandardCharsets.US_ASCII));
        Path file = write(content.toByteArray());

        assertThat(read(file)).isEqualTo(2);
        assertThat(lines).extracting(TraceLine::iterationId).containsExactly(T0 + 60, T0 + 120);
        assertThat(problems).containsExactly(file + " line 2: trace line has 1 fields, expected 9");
    }

    @Test
    void malformedUtf8InsideANameStillReadsTheLine() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write("1081948390|1|0|0|100.0|0.1|m".getBytes(StandardCharsets.US_ASCII));
        content.write(new byte[] {(byte) 0xFF});
        content.write(",| | |\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(read(write(content.toByteArray()))).isEqualTo(1);
        assertThat(problems).isEmpty();
        assertThat(lines.get(0).succeeded()).containsExactly("m\uFFFD");
    }

    @Test
    void nulBytesInTheMiddleAndAtTheEndAreReported() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write((LINE_2 + "\n").getBytes(StandardCharsets.US_ASCII));
        content.write(new byte[] {0, 0, 0, 0, '\n'});
        content.write((LINE_3 + "\n").getBytes(StandardCharsets.US_ASCII));
        content.write(new byte[300]);
        Path file = write(content.toByteArray());

        assertThat(read(file)).isEqualTo(2);
        assertThat(lines).extracting(TraceLine::iterationId).containsExactly(T0 + 60, T0 + 120);
        assertThat(problems).containsExactly(
                file + " line 2: trace line has 0 fields, expected 9",
                file + " line 4: partial last line of 300 characters (an interrupted write) skipped");
    }

    @Test
    void readAllReturnsTheGoodLinesAndSkipsTheRest() throws Exception {
        Path file = write(LINE_2 + "\nnot a trace line\n" + LINE_3 + "\n" + "torn");

        assertThat(TraceReader.readAll(file)).extracting(TraceLine::format).containsExactly(LINE_2, LINE_3);
    }

    @Test
    void aMissingFileCannotBeRead() {
        Path missing = folder.resolve("missing.trace");

        assertThatThrownBy(() -> TraceReader.readAll(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
    }

    private static TraceLine generated(int i) {
        int size = i % 7;
        List<String> names = IntStream.range(0, size).mapToObj(n -> "m" + (i + n) % 1000).collect(Collectors.toList());
        int firstFailed = i % (size + 1);
        int firstUnavailable = firstFailed + (size - firstFailed) / 2;
        // a parsed line keeps tenths of a second, so generate tenths
        return new TraceLine(T0 + 60L * i, Duration.ofMillis(100L * (i % 5000)), names.subList(0, firstFailed),
                names.subList(firstFailed, firstUnavailable), names.subList(firstUnavailable, size));
    }

    @Test
    void tenThousandGeneratedLinesRoundTrip() throws Exception {
        List<TraceLine> written = IntStream.range(0, 10_000).mapToObj(TraceReaderTest::generated)
                .collect(Collectors.toList());
        write(written.stream().map(line -> line.format() + "\n").collect(Collectors.joining()));

        long good = read(trace());

        assertThat(problems).isEmpty();
        assertThat(good).isEqualTo(10_000);
        assertThat(lines).isEqualTo(written);
        assertThat(TraceReader.readAll(trace())).isEqualTo(written);
    }

    @Test
    void aDamagedLineDeepInALargeFileIsReportedWithItsLineNumber() throws Exception {
        List<String> text = IntStream.range(0, 10_000).mapToObj(i -> generated(i).format())
                .collect(Collectors.toList());
        text.set(6_999, "1081948390|x|");
        write(String.join("\n", text) + "\n");

        assertThat(read(trace())).isEqualTo(9_999);
        assertThat(problems).containsExactly(trace() + " line 7000: trace line has 2 fields, expected 9");
    }

    @Test
    void linesWrittenByTraceFileAreReadBack() throws Exception {
        List<TraceLine> written = List.of(generated(1), generated(6), generated(13), generated(0));
        for (TraceLine line : written) {
            TraceFile.append(trace(), line);
        }

        assertThat(read(trace())).isEqualTo(4);
        assertThat(lines).isEqualTo(written);
        assertThat(problems).isEmpty();
    }
}
