package io.ddc.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ddc.ExecutionResult;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The record format of the output files: headers, escaping, and damaged files read without failing. */
final class OutputFileTest {
    private static final long T0 = 1_081_948_390L;
    private static final Target M01 = Target.of("m01");

    /** Two complete records, written by hand so that the damage tests do not depend on the writer. */
    private static final String FIRST_HEADER =
            "#ddc1 iteration=100 outcome=SUCCEEDED exit=0 elapsed=1.500 failure=- bytes=3\n";
    private static final String SECOND_HEADER =
            "#ddc1 iteration=101 outcome=FAILED exit=- elapsed=0.500 failure=TIMED_OUT bytes=0\n";
    private static final String GOOD = FIRST_HEADER + "abc\n" + SECOND_HEADER + "\n";
    private static final long GOOD_LENGTH = GOOD.length();

    @TempDir
    Path root;

    // ---- header format -----------------------------------------------------------------------

    private static ExecutionResult result(Outcome outcome, OptionalInt exit, long elapsedMillis,
            Optional<Failure> failure) {
        return new ExecutionResult(M01, "p", T0, exit, Output.empty(), Output.empty(),
                Duration.ofMillis(elapsedMillis), failure);
    }

    private static String header(ExecutionResult result, long length) {
        return new String(OutputFile.header(result, length), StandardCharsets.US_ASCII);
    }

    @Test
    void theHeaderOfASucceededExecutionIsExact() {
        ExecutionResult succeeded = result(Outcome.SUCCEEDED, OptionalInt.of(0), 4612, Optional.empty());

        assertThat(header(succeeded, 27))
                .isEqualTo("#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=4.612 failure=- bytes=27 reason=-\n");
    }

    @Test
    void theHeaderOfAFailedExecutionCarriesItsExitCodeAndFailureKind() {
        ExecutionResult rejected = result(Outcome.FAILED, OptionalInt.of(3), 12_040,
                Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code 3 is not accepted")));
        ExecutionResult timedOut = result(Outcome.FAILED, OptionalInt.empty(), 500,
                Optional.of(new Failure(Failure.Kind.TIMED_OUT, "timed out after 500 ms")));

        assertThat(header(rejected, 0)).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=FAILED exit=3 elapsed=12.040 failure=EXIT_CODE_NOT_ACCEPTED bytes=0"
                + " reason=exit%20code%203%20is%20not%20accepted\n");
        assertThat(header(timedOut, 1_048_576)).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=FAILED exit=- elapsed=0.500 failure=TIMED_OUT bytes=1048576"
                + " reason=timed%20out%20after%20500%20ms\n");
    }

    @Test
    void theHeaderOfAnUnavailableTargetHasNoExitCodeAndZeroElapsed() {
        ExecutionResult unavailable = ExecutionResult.unavailable(M01, "p", T0, "switched off");

        assertThat(header(unavailable, 0)).isEqualTo(
                "#ddc1 iteration=1081948390 outcome=UNAVAILABLE exit=- elapsed=0.000 failure=TARGET_UNAVAILABLE bytes=0"
                + " reason=switched%20off\n");
    }

    @Test
    void elapsedAlwaysHasThreeDecimalsPaddedWithZeros() {
        assertThat(elapsedField(5)).isEqualTo("elapsed=0.005");
        assertThat(elapsedField(50)).isEqualTo("elapsed=0.050");
        assertThat(elapsedField(999)).isEqualTo("elapsed=0.999");
        assertThat(elapsedField(1000)).isEqualTo("elapsed=1.000");
        assertThat(elapsedField(12_040)).isEqualTo("elapsed=12.040");
        assertThat(elapsedField(3_600_007)).isEqualTo("elapsed=3600.007");
    }

    private static String elapsedField(long millis) {
        String line = header(result(Outcome.SUCCEEDED, OptionalInt.of(0), millis, Optional.empty()), 0);
        return line.split(" ")[4];
    }

    @Test
    void aHeaderParsesBackIntoTheSameFields() {
        ExecutionResult rejected = result(Outcome.FAILED, OptionalInt.of(-1), 12_040,
                Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "no")));
        String line = header(rejected, 42);

        OutputFile.Record record = OutputFile.parseHeader(line.substring(0, line.length() - 1), 1000);

        assertThat(record).isEqualTo(new OutputFile.Record(T0, Outcome.FAILED, OptionalInt.of(-1),
                Duration.ofMillis(12_040), Optional.of(Failure.Kind.EXIT_CODE_NOT_ACCEPTED), "no", 1000, 42));
    }

    @Test
    void aReasonIsEscapedToOneWordOfPrintableAscii_andReadBackUnchanged() {
        String reason = "could not start /opt/my tools/prog: 100% \"gone\"\r\n\ttab, caf\u00e9 \u2603 \ud83d\ude00";
        ExecutionResult failed = result(Outcome.FAILED, OptionalInt.empty(), 3,
                Optional.of(new Failure(Failure.Kind.COULD_NOT_START, reason)));
        String line = header(failed, 0);

        String field = line.substring(line.indexOf(" reason=") + 8, line.length() - 1);
        assertThat(field).isEqualTo("could%20not%20start%20/opt/my%20tools/prog:%20100%25%20\"gone\"%0D%0A%09tab,"
                + "%20caf%C3%A9%20%E2%98%83%20%F0%9F%98%80");
        assertThat(OutputFile.parseHeader(line.substring(0, line.length() - 1), 0).reason()).isEqualTo(reason);
    }

    @Test
    void eachRecordOfAFile_keepsItsOwnReason_whenReasonsRepeat() throws Exception {
        List<String> reasons = List.of("no answer within 100 ms", "refused", "no answer within 100 ms", "-", "refused");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (String reason : reasons) {
            file.write(OutputFile.header(result(Outcome.UNAVAILABLE, OptionalInt.empty(), 0,
                    Optional.of(new Failure(Failure.Kind.TARGET_UNAVAILABLE, reason))), 0));
            file.write('\n');
        }

        assertThat(OutputFile.index(write(file.toByteArray())).records()).extracting(OutputFile.Record::reason)
                .isEqualTo(reasons);
    }

    @Test
    void aReasonThatIsADash_isNotMistakenForNone() {
        ExecutionResult failed = result(Outcome.FAILED, OptionalInt.of(1), 3,
                Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "-")));
        String line = header(failed, 0);

        assertThat(line).endsWith(" reason=%2D\n");
        assertThat(OutputFile.parseHeader(line.substring(0, line.length() - 1), 0).reason()).isEqualTo("-");
    }

    @Test
    void aLongReason_isCutWithAnEllipsis_andTheHeaderStaysReadable() {
        String reason = "x".repeat(OutputFile.MAX_REASON_LENGTH - 1) + "\u00e9".repeat(2000);
        ExecutionResult failed = result(Outcome.FAILED, OptionalInt.empty(), 3,
                Optional.of(new Failure(Failure.Kind.RUNNER_FAILURE, reason)));
        String line = header(failed, 0);

        assertThat(OutputFile.parseHeader(line.substring(0, line.length() - 1), 0).reason())
                .isEqualTo("x".repeat(OutputFile.MAX_REASON_LENGTH - 1) + "\u00e9\u2026");
    }

    @Test
    void aHeaderWithoutReason_writtenByAnEarlierVersion_readsWithAnEmptyReason() {
        OutputFile.Record record = OutputFile.parseHeader(
                "#ddc1 iteration=7 outcome=FAILED exit=- elapsed=0.500 failure=TIMED_OUT bytes=3", 0);

        assertThat(record.failure()).contains(Failure.Kind.TIMED_OUT);
        assertThat(record.reason()).isEmpty();
    }

    @Test
    void aBadlyEscapedReason_isAHeaderProblem() {
        String start = "#ddc1 iteration=7 outcome=FAILED exit=- elapsed=0.500 failure=TIMED_OUT bytes=3 reason=";

        assertThatThrownBy(() -> OutputFile.parseHeader(start + "a%2", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad escape in header field 'reason'");
        assertThatThrownBy(() -> OutputFile.parseHeader(start + "a%zz", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad escape in header field 'reason'");
        assertThatThrownBy(() -> OutputFile.parseHeader(start + "a\u00e9", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad character in header field 'reason'");
    }

    @Test
    void anEmptyFileHasNoRecordsAndNoProblem() throws Exception {
        Path file = write(new byte[0]);

        assertThat(OutputFile.index(file)).isEqualTo(new OutputFile.Index(List.of(), 0, 0, Optional.empty()));
    }

    @Test
    void aMissingFileCannotBeIndexed() {
        Path missing = root.resolve("missing.stdout");

        assertThatThrownBy(() -> OutputFile.index(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- damaged input -------------------------------------------------------------------------

    private Path write(byte[] content) throws IOException {
        Path file = root.resolve("damaged.stdout");
        Files.write(file, content);
        return file;
    }

    private Path goodFileFollowedBy(byte[] tail) throws IOException {
        byte[] good = bytes(GOOD);
        byte[] all = new byte[good.length + tail.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(tail, 0, all, good.length, tail.length);
        return write(all);
    }

    private static List<OutputFile.Record> goodRecords() {
        long first = FIRST_HEADER.length();
        long second = first + 4 + SECOND_HEADER.length();
        return List.of(
                new OutputFile.Record(100, Outcome.SUCCEEDED, OptionalInt.of(0), Duration.ofMillis(1500),
                        Optional.empty(), "", first, 3),
                new OutputFile.Record(101, Outcome.FAILED, OptionalInt.empty(), Duration.ofMillis(500),
                        Optional.of(Failure.Kind.TIMED_OUT), "", second, 0));
    }

    private static void assertDamaged(OutputFile.Index index, long after, String problem) {
        assertThat(index.records()).isEqualTo(goodRecords());
        assertThat(index.validLength()).isEqualTo(GOOD_LENGTH);
        assertThat(index.fileLength()).isEqualTo(GOOD_LENGTH + after);
        assertThat(index.problem()).hasValue(problem);
    }

    @Test
    void theHandWrittenGoodFileIsIndexedWithoutProblem() throws Exception {
        OutputFile.Index index = OutputFile.index(write(bytes(GOOD)));

        assertThat(index).isEqualTo(new OutputFile.Index(goodRecords(), GOOD_LENGTH, GOOD_LENGTH, Optional.empty()));
    }

    @Test
    void recordsOfEveryLength_acrossAndBeyondTheReadBuffer_areAllIndexed() throws Exception {
        // outputs from empty to longer than the 64 KiB the reader holds, so that headers straddle
        // its buffer's end and outputs are skipped both inside the buffer and past it
        int[] lengths = {0, 1, 5000, 65_000, 60, 70_000, 140_000, 3, 65_536, 0, 10};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<OutputFile.Record> expected = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            ExecutionResult result = result(Outcome.SUCCEEDED, OptionalInt.of(i), i, Optional.empty());
            byte[] header = OutputFile.header(result, lengths[i]);
            file.write(header);
            expected.add(new OutputFile.Record(T0, Outcome.SUCCEEDED, OptionalInt.of(i), Duration.ofMillis(i),
                    Optional.empty(), "", file.size(), lengths[i]));
            file.write(new byte[lengths[i]]);
            file.write('\n');
        }
        Path written = write(file.toByteArray());

        assertThat(OutputFile.index(written)).isEqualTo(
                new OutputFile.Index(expected, file.size(), file.size(), Optional.empty()));
    }

    @Test
    void aFileCutInsideAHeaderKeepsTheRecordsBeforeIt() throws Exception {
        Path file = goodFileFollowedBy(bytes("#ddc1 iteration=102 outco"));

        assertDamaged(OutputFile.index(file), 25,
                "incomplete header at byte " + GOOD_LENGTH + " (25 bytes after the last complete record)");
    }

    @Test
    void aFileCutInsideAnOutputKeepsTheRecordsBeforeIt() throws Exception {
        String header = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=10\n";
        Path file = goodFileFollowedBy(bytes(header + "0123"));

        assertDamaged(OutputFile.index(file), header.length() + 4,
                "output cut short: 10 bytes announced, 4 present at byte " + GOOD_LENGTH + " ("
                        + (header.length() + 4) + " bytes after the last complete record)");
    }

    @Test
    void aFileCutRightAfterAHeaderKeepsTheRecordsBeforeIt() throws Exception {
        String header = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=10\n";
        Path file = goodFileFollowedBy(bytes(header));

        assertDamaged(OutputFile.index(file), header.length(),
                "output cut short: 10 bytes announced, 0 present at byte " + GOOD_LENGTH + " ("
                        + header.length() + " bytes after the last complete record)");
    }

    @Test
    void aLastOutputWithoutItsNewlineIsNotACompleteRecord() throws Exception {
        String header = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=4\n";
        Path file = goodFileFollowedBy(bytes(header + "0123"));

        // the whole output is there, only the record's closing newline is missing
        assertDamaged(OutputFile.index(file), header.length() + 4,
                "no newline after the output at byte " + GOOD_LENGTH + " ("
                        + (header.length() + 4) + " bytes after the last complete record)");
    }

    @Test
    void anOutputFollowedByAnotherByteThanTheNewlineIsDamage() throws Exception {
        String header = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=3\n";
        Path file = goodFileFollowedBy(bytes(header + "0123\n"));

        assertDamaged(OutputFile.index(file), header.length() + 5,
                "no newline after the output at byte " + GOOD_LENGTH + " (" + (header.length() + 5)
                        + " bytes after the last complete record)");
    }

    @Test
    void aGarbageHeaderStopsTheIndexWithoutThrowing() throws Exception {
        Path file = goodFileFollowedBy(bytes("garbage\n" + FIRST_HEADER + "abc\n"));

        assertDamaged(OutputFile.index(file), 8 + FIRST_HEADER.length() + 4,
                "not a record header at byte " + GOOD_LENGTH + " (" + (8 + FIRST_HEADER.length() + 4)
                        + " bytes after the last complete record)");
    }

    @Test
    void nulBytesAppendedByACrashAreReported() throws Exception {
        Path file = goodFileFollowedBy(new byte[4096]);

        assertDamaged(OutputFile.index(file), 4096,
                "not a record header at byte " + GOOD_LENGTH + " (4096 bytes after the last complete record)");
    }

    @Test
    void aFileOfNulBytesOnlyHasNoRecords() throws Exception {
        OutputFile.Index shorterThanAHeader = OutputFile.index(write(new byte[100]));
        OutputFile.Index longerThanAHeader = OutputFile.index(write(new byte[1000]));

        // the first byte already tells: no need to read to the header's length limit
        assertThat(shorterThanAHeader).isEqualTo(new OutputFile.Index(List.of(), 0, 100,
                Optional.of("not a record header at byte 0 (100 bytes after the last complete record)")));
        assertThat(longerThanAHeader).isEqualTo(new OutputFile.Index(List.of(), 0, 1000,
                Optional.of("not a record header at byte 0 (1000 bytes after the last complete record)")));
    }

    @Test
    void aHeaderLineLongerThanAnyRealHeaderIsReported() throws Exception {
        Path file = goodFileFollowedBy(bytes("#ddc1 " + "x".repeat(2000) + "\n"));

        assertDamaged(OutputFile.index(file), 2007,
                "not a record header at byte " + GOOD_LENGTH + " (2007 bytes after the last complete record)");
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("#ddc2 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=0",
                        "not a record header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=-  bytes=0",
                        "header field 'bytes' missing"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=0 why=-",
                        "header field 'reason' missing"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=0 reason=- x",
                        "not a record header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 bytes=0",
                        "not a record header"),
                Arguments.of("#ddc1 iteration=1 outcome=WORKED exit=0 elapsed=0.001 failure=- bytes=0",
                        "unknown outcome in header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED code=0 elapsed=0.001 failure=- bytes=0",
                        "header field 'exit' missing"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed failure=- bytes=0",
                        "header field 'elapsed' missing"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed= failure=- bytes=0",
                        "bad elapsed in header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=1.5 failure=- bytes=0",
                        "bad elapsed in header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=.500 failure=- bytes=0",
                        "bad elapsed in header"),
                Arguments.of("#ddc1 iteration=1 outcome=FAILED exit=- elapsed=0.001 failure=BROKEN bytes=0",
                        "unknown failure kind in header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=-1",
                        "negative number in header"),
                Arguments.of("#ddc1 iteration=-1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=0",
                        "negative number in header"),
                Arguments.of("#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes=x1",
                        "bad number in header field 'bytes': 'x1'"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void aDamagedHeaderFieldIsReportedWithWhatIsWrong(String header, String what) throws Exception {
        Path file = goodFileFollowedBy(bytes(header + "\n\n"));

        assertDamaged(OutputFile.index(file), header.length() + 2,
                what + " at byte " + GOOD_LENGTH + " (" + (header.length() + 2) + " bytes after the last complete record)");
    }

    @Test
    void aHugeAnnouncedLengthIsReportedNotThrown() throws Exception {
        String header = "#ddc1 iteration=102 outcome=SUCCEEDED exit=0 elapsed=0.001 failure=- bytes="
                + Long.MAX_VALUE + "\n";
        Path file = goodFileFollowedBy(bytes(header));

        assertDamaged(OutputFile.index(file), header.length(),
                "output cut short: " + Long.MAX_VALUE + " bytes announced, 0 present at byte " + GOOD_LENGTH + " ("
                        + header.length() + " bytes after the last complete record)");
    }

    @Test
    void readingARecordBeyondTheEndOfTheFileFailsWithTheOffset() throws Exception {
        Path file = write(bytes(GOOD));
        OutputFile.Record beyond = new OutputFile.Record(7, Outcome.SUCCEEDED, OptionalInt.of(0), Duration.ZERO,
                Optional.empty(), "", GOOD_LENGTH - 2, 10);

        assertThatThrownBy(() -> OutputFile.readOutput(file, beyond)).isInstanceOf(IOException.class)
                .hasMessage(file + ": the record at byte " + (GOOD_LENGTH - 2) + " is cut short");
    }
}
