package io.ddc.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TraceFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void gzip_roundTrips_theGivenLength() throws IOException {
        Path trace = file("cpu.trace", "line 1\nline 2\nline 3 being writ");

        assertThat(gunzip(TraceFiles.gzip(trace, Files.size(trace), 1 << 20))).isEqualTo(Files.readAllBytes(trace));
        assertThat(new String(gunzip(TraceFiles.gzip(trace, 14, 1 << 20)), StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
        assertThat(gunzip(TraceFiles.gzip(trace, 10_000, 1 << 20))).isEqualTo(Files.readAllBytes(trace));
    }

    @Test
    void gzip_overTheLimit_givesNull() throws IOException {
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);
        Path trace = Files.write(dir.resolve("noise.trace"), noise);

        assertThat(TraceFiles.gzip(trace, noise.length, 50_000)).isNull();
        assertThat(TraceFiles.gzip(trace, noise.length, 5)).isNull();
        assertThat(gunzip(TraceFiles.gzip(trace, noise.length, 200_000))).isEqualTo(noise);
    }

    @Test
    void lastLine_isTheLastCompleteLine() throws IOException {
        assertThat(TraceFiles.lastLine(file("a.trace", "one\ntwo\n"), 8)).isEqualTo("two");
        assertThat(TraceFiles.lastLine(file("b.trace", "one\ntwo\nthr"), 11)).isEqualTo("two");
        assertThat(TraceFiles.lastLine(file("c.trace", "one\r\n"), 5)).isEqualTo("one");
        assertThat(TraceFiles.lastLine(file("d.trace", "only\n"), 5)).isEqualTo("only");
        assertThat(TraceFiles.lastLine(file("e.trace", "one\ntwo\n"), 4)).isEqualTo("one");
    }

    @Test
    void lastLine_whenThereIsNone_saysWhy() throws IOException {
        assertThat(TraceFiles.lastLine(file("a.trace", ""), 0)).isEqualTo("(no line yet)");
        assertThat(TraceFiles.lastLine(file("b.trace", "partial"), 7)).isEqualTo("(no line yet)");
        String longLine = "x".repeat(TraceFiles.TAIL_WINDOW + 10);
        assertThat(TraceFiles.lastLine(file("c.trace", "one\n" + longLine + "\n"), longLine.length() + 5))
                .isEqualTo("(longer than 64 KiB: see the attachment)");
        assertThat(TraceFiles.lastLine(file("d.trace", "one\n" + longLine), longLine.length() + 4))
                .isEqualTo("(longer than 64 KiB: see the attachment)");
        String fits = "y".repeat(TraceFiles.TAIL_WINDOW - 10);
        assertThat(TraceFiles.lastLine(file("e.trace", longLine + "\n" + fits + "\n"), longLine.length() + fits.length() + 2))
                .isEqualTo(fits);
    }
}
