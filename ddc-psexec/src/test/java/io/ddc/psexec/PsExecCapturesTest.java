package io.ddc.psexec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.Failure;
import io.ddc.testing.SharedFixtures;
import io.ddc.spi.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Real PsExec output from {@code ../shared/fixtures} (see its SOURCES.md) through the filters and
 * the verdict. The console captures show stdout and stderr merged, with the progress lines already
 * erased by the console: the banner is the stdout part, the rest is the stderr part.
 */
final class PsExecCapturesTest {

    /** Splits a console capture after the banner's empty line. */
    private static byte[][] splitAfterBanner(byte[] capture) {
        String text = new String(capture, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("www.sysinternals.com") + "www.sysinternals.com".length();
        end = text.indexOf('\n', end) + 1;
        end = text.indexOf('\n', end) + 1;
        return new byte[][] {Arrays.copyOfRange(capture, 0, end), Arrays.copyOfRange(capture, end, capture.length)};
    }

    private static String stdoutOf(byte[] bytes) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PsExecBannerFilter filter = new PsExecBannerFilter(sink);
        filter.write(bytes);
        filter.finish();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    private static RunResult verdict(byte[] stderr, String host, int status, ByteArrayOutputStream sink)
            throws IOException {
        PsExecErrorStream stream = new PsExecErrorStream(sink, host, "PSEXESVC", StandardCharsets.UTF_8);
        stream.write(stderr);
        return PsExecVerdict.decide(RunResult.exited(status), stream.finish(), "PsExec.exe", host, false);
    }

    @Test
    void success_v24_isTheProgramsExitCode_andNothingIsStored() throws IOException {
        byte[][] parts = splitAfterBanner(SharedFixtures.bytes("psexec-console-success-v2.4.txt"));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        RunResult result = verdict(parts[1], "DESKTOP-S1N67RN", 0, stderr);

        assertThat(stdoutOf(parts[0])).isEmpty();
        assertThat(result).isEqualTo(RunResult.exited(0));
        assertThat(stderr.size()).isZero();
    }

    @Test
    void negativeExit_v234_isTheProgramsExitCode() throws IOException {
        byte[][] parts = splitAfterBanner(SharedFixtures.bytes("psexec-console-negative-exit-v2.34.txt"));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        RunResult result = verdict(parts[1], "AIMFLYING-PC", 0, stderr);

        assertThat(stdoutOf(parts[0])).isEmpty();
        assertThat(result).isEqualTo(RunResult.exited(-196608));
        assertThat(stderr.size()).isZero();
    }

    @Test
    void programNotFound_v24_couldNotStart() throws IOException {
        byte[][] parts = splitAfterBanner(SharedFixtures.bytes("psexec-console-file-not-found-v2.4.txt"));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        RunResult result = verdict(parts[1], "DESKTOP-EIN8ELS", 2, stderr);

        assertThat(stdoutOf(parts[0])).isEmpty();
        assertThat(result).isEqualTo(RunResult.couldNotStart("PsExec could not start the program on DESKTOP-EIN8ELS"
                + " (PsExec: \"PsExec could not start powershell on DESKTOP-EIN8ELS: The system cannot find the file"
                + " specified.\", exit status 2)"));
        assertThat(stderr.size()).isZero();
    }

    @Test
    void keyFile_v234_isNetworkPathNotFound() throws IOException {
        byte[][] parts = splitAfterBanner(SharedFixtures.bytes("psexec-console-key-file-network-name-v2.34.txt"));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        RunResult result = verdict(parts[1], "[[local machine name]]", 67, stderr);

        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).startsWith("host not found or network path not found")
                .contains("Error creating key file on [[local machine name]]: The network name cannot be found.");
        assertThat(stderr.size()).isZero();
    }

    @Test
    void usage_v22_bannerIsTakenOut_usageTextStays() throws IOException {
        byte[] capture = SharedFixtures.bytes("psexec-usage-v2.2-stdout.txt");

        String stdout = stdoutOf(capture);

        assertThat(stdout).startsWith("PsExec executes a program on a remote system");
        assertThat(capture.length - stdout.length()).isEqualTo(splitAfterBanner(capture)[0].length);
    }

    @Test
    void localStartFailure_v22_withoutClosingLine_isNeverTheProgramsExitCode() throws IOException {
        byte[] capture = SharedFixtures.bytes("psexec-could-not-start-v2.2-stderr.txt");

        RunResult result = verdict(capture, "local system", 5, new ByteArrayOutputStream());

        // the message comes before its heading here, so it is not recognised: but 5 is not taken for the program's
        assertThat(result.kind()).contains(Failure.Kind.RUNNER_FAILURE);
        assertThat(result.message()).contains("5 means: Access is denied.");
    }
}
