package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class PsExecErrorStreamTest {
    private static final String HOST = "m01";
    private static final String SERVICE = "DDC-t";
    /** PsExec's progress on a pipe, as the captures show it: each line erased by carriage returns. */
    private static final String PROGRESS = "Connecting to m01...\r\r\rStarting PSEXESVC service on m01...\r\r\r"
            + "Copying authentication key to m01...\r\r\rConnecting with PsExec service on m01...\r\r\r"
            + "Starting probe.exe on m01...\r\r\r";
    private static final String CLOSING = "\r\r\r\nprobe.exe exited on m01 with error code 3.\r\n";

    private final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    private final PsExecErrorStream stream = new PsExecErrorStream(stored, HOST, SERVICE, StandardCharsets.UTF_8);

    private PsExecTranscript feed(String text) throws IOException {
        return feed(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private PsExecTranscript feed(byte[] bytes) throws IOException {
        stream.write(bytes, 0, bytes.length);
        return stream.finish();
    }

    private String stored() {
        return stored.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void progressAndClosingLine_areTakenOut_theProgramsBytesStay() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "warning: disk C: 91%\r\nlast line" + CLOSING);

        assertThat(stored()).isEqualTo("warning: disk C: 91%\r\nlast line");
        assertThat(transcript).isEqualTo(new PsExecTranscript(OptionalInt.of(3), "", "Starting probe.exe on m01..."));
    }

    @Test
    void programWithoutStandardError_storesNothing() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + CLOSING);

        assertThat(stored()).isEmpty();
        assertThat(transcript.programExitCode()).hasValue(3);
    }

    @Test
    void closingLineRightAfterTheStartLine_withFourCarriageReturns_storesNothing() throws IOException {
        PsExecTranscript transcript = feed("Connecting to m01...\r\r\rStarting cmd on m01...\r\r\r\r\n"
                + "cmd exited on m01 with error code 0.\r\n");

        assertThat(stored()).isEmpty();
        assertThat(transcript.programExitCode()).hasValue(0);
    }

    @Test
    void programsOwnLineEndBeforeTheClosingLine_isKept() throws IOException {
        feed(PROGRESS + "done\r\n" + CLOSING);

        assertThat(stored()).isEqualTo("done\r\n");
    }

    @Test
    void programsLastLineEnd_withoutPsExecsErasure_isKept() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "done\r\nprobe.exe exited on m01 with error code 3.\r\n");

        assertThat(stored()).isEqualTo("done\r\n");
        assertThat(transcript.programExitCode()).hasValue(3);
    }

    @Test
    void negativeExitCode_asPsExecPrintsIt() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "\r\r\r\npowershell exited on m01 with error code -196608.\r\n");

        assertThat(transcript.programExitCode()).hasValue(-196608);
    }

    @Test
    void closingLineThatNamesAnotherHost_isTheProgramsOutput() throws IOException {
        String text = "probe.exe exited on m02 with error code 3.\r\n";

        PsExecTranscript transcript = feed(PROGRESS + text);

        assertThat(stored()).isEqualTo(text);
        assertThat(transcript.programExitCode()).isEmpty();
    }

    @Test
    void closingLineFollowedByMoreOutput_isTheProgramsOutput() throws IOException {
        String text = "x exited on m01 with error code 3.\r\nmore\r\n";

        PsExecTranscript transcript = feed(PROGRESS + text);

        assertThat(stored()).isEqualTo(text);
        assertThat(transcript.programExitCode()).isEmpty();
    }

    @Test
    void exitCodeTooLargeForAnInt_isNotAClosingLine() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "\r\r\r\nx exited on m01 with error code 9999999999.\r\n");

        assertThat(transcript.programExitCode()).isEmpty();
        assertThat(stored()).endsWith("9999999999.\r\n");
    }

    @Test
    void serviceStartLine_withTheRunnersServiceName_doesNotStartTheProgram() throws IOException {
        PsExecTranscript transcript = feed("Connecting to m01...\r\r\rStarting DDC-t service on m01...\r\r\r"
                + "\rCouldn't access m01:\r\nAccess is denied.\r\n");

        assertThat(stored()).isEmpty();
        assertThat(transcript.failureMessage()).isEqualTo("Couldn't access m01: Access is denied.");
        assertThat(transcript.lastStep()).isEqualTo("Starting DDC-t service on m01...");
    }

    @Test
    void hostOff_failureMessageIsKept_notStored() throws IOException {
        PsExecTranscript transcript = feed("Connecting to m01...\r\r\r\rCouldn't access m01:\r\n"
                + "The network path was not found.\r\n\r\nMake sure that the default admin$ share is enabled on m01.\r\n");

        assertThat(stored()).isEmpty();
        assertThat(transcript).isEqualTo(new PsExecTranscript(OptionalInt.empty(),
                "Couldn't access m01: The network path was not found. Make sure that the default admin$ share is"
                        + " enabled on m01.", "Connecting to m01..."));
    }

    @Test
    void failureMessage_isCappedAndDecodedWithTheGivenCharset() throws IOException {
        PsExecErrorStream chinese = new PsExecErrorStream(stored, HOST, SERVICE, StandardCharsets.UTF_8);
        byte[] text = ("Error creating key file on m01:\r\n找不到网络路径。\r\n" + "x".repeat(10_000))
                .getBytes(StandardCharsets.UTF_8);
        chinese.write(text, 0, text.length);

        PsExecTranscript transcript = chinese.finish();

        assertThat(transcript.failureMessage()).startsWith("Error creating key file on m01: 找不到网络路径。 xxx");
        assertThat(transcript.failureMessage().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(PsExecErrorStream.MESSAGE_LIMIT);
        assertThat(stored.size()).isZero();
    }

    @Test
    void launcherThatAnnouncesNothing_passesEverythingButTheClosingLine() throws IOException {
        PsExecTranscript transcript = feed("plain output\nprobe.exe exited on m01 with error code 0.\r\n");

        assertThat(stored()).isEqualTo("plain output\n");
        assertThat(transcript.programExitCode()).hasValue(0);
    }

    @Test
    void unterminatedTextAtTheEnd_isTheProgramsAndStaysUnterminated() throws IOException {
        PsExecTranscript transcript = feed("no line end");

        assertThat(stored()).isEqualTo("no line end");
        assertThat(transcript.programExitCode()).isEmpty();
        assertThat(transcript.failureMessage()).isEmpty();
    }

    @Test
    void unterminatedProgressLineAtTheEnd_isPsExecs() throws IOException {
        PsExecTranscript transcript = feed("Connecting to m01...");

        assertThat(stored()).isEmpty();
        assertThat(transcript.lastStep()).isEqualTo("Connecting to m01...");
    }

    @Test
    void segmentLongerThanAnyPsExecLine_isTheProgramsOutput() throws IOException {
        String longLine = "y".repeat(PsExecErrorStream.SEGMENT_LIMIT + 10) + "\n";

        feed("Connecting to m01...\r\r\r" + longLine);

        assertThat(stored()).isEqualTo(longLine);
    }

    @Test
    void largeBinaryOutput_passesUnchanged_withAtMostTheTailHeldBack() throws IOException {
        byte[] output = new byte[1 << 20];
        new Random(42).nextBytes(output);
        output[0] = 'x';
        stream.write(PROGRESS.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < output.length; i += 1000) {
            stream.write(output, i, Math.min(1000, output.length - i));
            assertThat(stored.size()).isGreaterThanOrEqualTo(i + Math.min(1000, output.length - i)
                    - PsExecErrorStream.TAIL_LIMIT);
        }
        stream.write(CLOSING.getBytes(StandardCharsets.ISO_8859_1));

        PsExecTranscript transcript = stream.finish();

        assertThat(stored.toByteArray()).isEqualTo(output);
        assertThat(transcript.programExitCode()).hasValue(3);
    }

    @Test
    void anyWayOfCuttingTheStreamIntoWrites_givesTheSameResult() throws IOException {
        byte[] whole = (PROGRESS + "a\r\nb\rc" + CLOSING).getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= whole.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PsExecErrorStream split = new PsExecErrorStream(sink, HOST, SERVICE, StandardCharsets.UTF_8);
            split.write(whole, 0, cut);
            for (int i = cut; i < whole.length; i++) {
                split.write(whole[i]);
            }

            PsExecTranscript transcript = split.finish();

            assertThat(sink.toString(StandardCharsets.ISO_8859_1)).as("cut at %d", cut).isEqualTo("a\r\nb\rc");
            assertThat(transcript.programExitCode()).as("cut at %d", cut).hasValue(3);
        }
    }

    @Test
    void writesAfterFinish_goStraightToTheSink() throws IOException {
        feed(PROGRESS + CLOSING);

        stream.write("late\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(stored()).isEqualTo("late\n");
        assertThat(stream.finish().programExitCode()).hasValue(3);
    }

    @Test
    void flush_releasesNothingHeldBack() throws IOException {
        stream.write((PROGRESS + "held").getBytes(StandardCharsets.ISO_8859_1));

        stream.flush();

        assertThat(stored.size()).isZero();
    }

    @Test
    void hostNames_compareWithoutCase() throws IOException {
        PsExecTranscript transcript = feed("Connecting to M01...\r\r\rStarting x on M01...\r\r\r"
                + "\r\r\r\nx exited on M01 with error code 1.\r\n");

        assertThat(stored()).isEmpty();
        assertThat(transcript.programExitCode()).hasValue(1);
    }

    @Test
    void programNotStarted_afterItsStartLine_isPsExecsFailure() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "\rPsExec could not start probe.exe on m01:\r\n"
                + "The system cannot find the file specified.\r\n");

        assertThat(stored()).isEmpty();
        assertThat(transcript.failureMessage())
                .isEqualTo("PsExec could not start probe.exe on m01: The system cannot find the file specified.");
    }

    @Test
    void programsFirstLine_thatStartsLikeAnError_isTheProgramsOutput() throws IOException {
        PsExecTranscript transcript = feed(PROGRESS + "Error: no disk D:\r\n" + CLOSING);

        assertThat(stored()).isEqualTo("Error: no disk D:\r\n");
        assertThat(transcript.programExitCode()).hasValue(3);
        assertThat(transcript.failureMessage()).isEmpty();
    }
}
