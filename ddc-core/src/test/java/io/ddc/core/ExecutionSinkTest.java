package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExecutionSinkTest {
    @TempDir
    Path folder;

    private Path spoolFile() {
        return folder.resolve("1.spool");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(ExecutionSink sink, String text) {
        byte[] bytes = bytes(text);
        sink.write(bytes, 0, bytes.length);
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static byte[] copied(ExecutionSink sink) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink.copyTo(out);
        return out.toByteArray();
    }

    private List<Path> filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.collect(Collectors.toList());
        }
    }

    @Test
    void anOutputWithinTheCaptureLimitIsKeptWhole() throws Exception {
        ExecutionSink sink = new ExecutionSink(10, spoolFile());
        write(sink, "hello");
        sink.seal();

        Output output = sink.output();

        assertThat(output.bytes()).isEqualTo(bytes("hello"));
        assertThat(output.size()).isEqualTo(5);
        assertThat(output.isTruncated()).isFalse();
        assertThat(sink.size()).isEqualTo(5);
        assertThat(copied(sink)).isEqualTo(bytes("hello"));
        assertThat(filesInFolder()).isEmpty();
    }

    @Test
    void anOutputExactlyAtTheCaptureLimitNeedsNoSpoolFile() throws Exception {
        ExecutionSink sink = new ExecutionSink(8, spoolFile());
        write(sink, "abcd");
        write(sink, "efgh");
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(bytes("abcdefgh"));
        assertThat(sink.output().isTruncated()).isFalse();
        assertThat(copied(sink)).isEqualTo(bytes("abcdefgh"));
        assertThat(filesInFolder()).isEmpty();
    }

    @Test
    void anOutputWithinTheCaptureLimitIsHeldAndCopiedIntoABuffer() {
        ExecutionSink sink = new ExecutionSink(10, spoolFile());
        write(sink, "hello");
        sink.seal();
        ByteBuffer buffer = ByteBuffer.allocate(7);
        buffer.put((byte) '[');

        sink.copyTo(buffer);

        assertThat(sink.isHeld()).isTrue();
        assertThat(Arrays.copyOf(buffer.array(), buffer.position())).isEqualTo(bytes("[hello"));
    }

    @Test
    void aSpooledOutputIsNotHeldAndCannotBeCopiedIntoABuffer() {
        ExecutionSink sink = new ExecutionSink(4, spoolFile());
        write(sink, "0123456789");
        sink.seal();

        assertThat(sink.isHeld()).isFalse();
        assertThatThrownBy(() -> sink.copyTo(ByteBuffer.allocate(64)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the stream is not held in memory: copy it to an OutputStream");
    }

    @Test
    void anOutputBeyondTheCaptureLimitThatIsNotStoredIsNotHeld() {
        ExecutionSink sink = new ExecutionSink(4, null);
        write(sink, "0123456789");
        sink.seal();

        assertThat(sink.isHeld()).isFalse();
    }

    @Test
    void theResultKeepsTheFirstBytesAndTheTotalSize() {
        ExecutionSink sink = new ExecutionSink(10, null);
        write(sink, "0123456");
        write(sink, "789abcdef");
        write(sink, "ghij");

        Output output = sink.output();

        assertThat(output.bytes()).isEqualTo(bytes("0123456789"));
        assertThat(output.capturedSize()).isEqualTo(10);
        assertThat(output.size()).isEqualTo(20);
        assertThat(output.isTruncated()).isTrue();
        assertThat(sink.size()).isEqualTo(20);
    }

    @Test
    void aCaptureLimitOfZeroKeepsNothingButCountsEverything() throws Exception {
        ExecutionSink sink = new ExecutionSink(0, spoolFile());
        write(sink, "abc");
        sink.seal();

        assertThat(sink.output().bytes()).isEmpty();
        assertThat(sink.output().size()).isEqualTo(3);
        assertThat(sink.output().isTruncated()).isTrue();
        assertThat(copied(sink)).isEqualTo(bytes("abc"));
    }

    @Test
    void singleByteWritesAreCapturedAndCounted() throws Exception {
        ExecutionSink sink = new ExecutionSink(3, spoolFile());
        for (char c : "abcdef".toCharArray()) {
            sink.write(c);
        }
        sink.write(0x1FF);
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(bytes("abc"));
        assertThat(sink.size()).isEqualTo(7);
        assertThat(copied(sink)).isEqualTo(new byte[] {'a', 'b', 'c', 'd', 'e', 'f', (byte) 0xFF});
    }

    @Test
    void anOutputThatIsNotStoredNeverCreatesASpoolFile() throws Exception {
        ExecutionSink sink = new ExecutionSink(16, null);
        byte[] big = pattern(100_000);
        sink.write(big, 0, big.length);
        sink.seal();
        sink.discard();

        assertThat(sink.output().bytes()).isEqualTo(pattern(16));
        assertThat(sink.size()).isEqualTo(100_000);
        assertThat(filesInFolder()).isEmpty();
    }

    @Test
    void aWriteThatStraddlesTheLimitMovesTheHeadToTheSpoolAndKeepsTheOrder() throws Exception {
        ExecutionSink sink = new ExecutionSink(8, spoolFile());
        write(sink, "abcde");
        assertThat(Files.exists(spoolFile())).isFalse();
        write(sink, "fghijk");
        assertThat(Files.exists(spoolFile())).isTrue();
        write(sink, "lmn");
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(bytes("abcdefgh"));
        assertThat(sink.size()).isEqualTo(14);
        assertThat(copied(sink)).isEqualTo(bytes("abcdefghijklmn"));
        assertThat(Files.readAllBytes(spoolFile())).isEqualTo(bytes("abcdefghijklmn"));
    }

    @Test
    void theByteAfterAFullHeadStartsTheSpool() throws Exception {
        ExecutionSink sink = new ExecutionSink(4, spoolFile());
        write(sink, "abcd");
        assertThat(Files.exists(spoolFile())).isFalse();
        sink.write('e');
        sink.seal();

        assertThat(Files.exists(spoolFile())).isTrue();
        assertThat(copied(sink)).isEqualTo(bytes("abcde"));
        assertThat(sink.output().bytes()).isEqualTo(bytes("abcd"));
    }

    @Test
    void aFirstWriteLargerThanTheLimitGoesStraightToTheSpool() throws Exception {
        ExecutionSink sink = new ExecutionSink(1024, spoolFile());
        byte[] big = pattern(300_000);
        sink.write(big, 0, 200_000);
        sink.write(big, 200_000, 100_000);
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(pattern(1024));
        assertThat(sink.size()).isEqualTo(300_000);
        assertThat(copied(sink)).isEqualTo(big);
    }

    @Test
    void writesHonourTheOffsetAndLengthOfTheArray() throws Exception {
        ExecutionSink sink = new ExecutionSink(4, spoolFile());
        byte[] source = bytes("XXabcYY");
        sink.write(source, 2, 3);
        sink.write(source, 2, 3);
        sink.write(source, 0, 0);
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(bytes("abca"));
        assertThat(copied(sink)).isEqualTo(bytes("abcabc"));
        assertThat(sink.size()).isEqualTo(6);
    }

    @Test
    void manySmallWritesAcrossTheLimitArriveWholeAndInOrder() throws Exception {
        ExecutionSink sink = new ExecutionSink(1000, spoolFile());
        byte[] all = pattern(50_000);
        int position = 0;
        int chunk = 1;
        while (position < all.length) {
            int length = Math.min(chunk, all.length - position);
            sink.write(all, position, length);
            position += length;
            chunk = chunk % 997 + 7;
        }
        sink.seal();

        assertThat(sink.size()).isEqualTo(50_000);
        assertThat(sink.output().bytes()).isEqualTo(pattern(1000));
        assertThat(copied(sink)).isEqualTo(all);
    }

    @Test
    void writesAfterSealAreDropped() throws Exception {
        ExecutionSink spooled = new ExecutionSink(4, spoolFile());
        ExecutionSink small = new ExecutionSink(100, null);
        write(spooled, "abcdef");
        write(small, "abc");
        spooled.seal();
        small.seal();

        write(spooled, "late");
        spooled.write('!');
        write(small, "late");

        assertThat(spooled.size()).isEqualTo(6);
        assertThat(spooled.output().bytes()).isEqualTo(bytes("abcd"));
        assertThat(copied(spooled)).isEqualTo(bytes("abcdef"));
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.output().bytes()).isEqualTo(bytes("abc"));
        assertThat(copied(small)).isEqualTo(bytes("abc"));
    }

    @Test
    void discardDeletesTheSpoolFile() throws Exception {
        ExecutionSink sink = new ExecutionSink(2, spoolFile());
        write(sink, "abcdef");
        sink.seal();
        assertThat(Files.exists(spoolFile())).isTrue();

        sink.discard();

        assertThat(filesInFolder()).isEmpty();
        assertThat(sink.output().bytes()).isEqualTo(bytes("ab"));
    }

    @Test
    void discardWithoutASpoolFileTouchesNothing() throws Exception {
        Path unrelated = Files.writeString(spoolFile(), "not this sink's");
        ExecutionSink sink = new ExecutionSink(100, spoolFile());
        write(sink, "small");
        sink.seal();

        sink.discard();

        assertThat(Files.readString(unrelated)).isEqualTo("not this sink's");
    }

    @Test
    void closeByTheRunnerChangesNothing() throws Exception {
        ExecutionSink sink = new ExecutionSink(4, spoolFile());
        write(sink, "abcdef");

        sink.close();
        write(sink, "gh");
        sink.seal();

        assertThat(sink.size()).isEqualTo(8);
        assertThat(copied(sink)).isEqualTo(bytes("abcdefgh"));
        assertThat(sink.output().bytes()).isEqualTo(bytes("abcd"));
    }

    @Test
    void aSpoolFileThatCannotBeWrittenFailsTheCopyButNotTheCapture() {
        Path unwritable = folder.resolve("missing-folder").resolve("1.spool");
        ExecutionSink sink = new ExecutionSink(4, unwritable);
        write(sink, "abcdef");
        sink.seal();

        assertThat(sink.output().bytes()).isEqualTo(bytes("abcd"));
        assertThat(sink.size()).isEqualTo(6);
        assertThatThrownBy(() -> copied(sink)).isInstanceOf(IOException.class)
                .hasMessage("cannot spool the output to " + unwritable + ": " + unwritable)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void concurrentWritersNeverLoseABytesCount() throws Exception {
        ExecutionSink sink = new ExecutionSink(64, spoolFile());
        byte[] chunk = pattern(100);
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    sink.write(chunk, 0, chunk.length);
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join(10_000);
        }
        sink.seal();

        assertThat(sink.size()).isEqualTo(200_000);
        byte[] all = copied(sink);
        assertThat(all).hasSize(200_000);
        for (int i = 0; i < all.length; i += 100) {
            assertThat(Arrays.copyOfRange(all, i, i + 100)).isEqualTo(chunk);
        }
    }
}
