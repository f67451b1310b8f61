package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ddc.files.OutputFile;
import io.ddc.ExecutionResult;
import io.ddc.Experiment;
import io.ddc.Failure;
import io.ddc.Outcome;
import io.ddc.Output;
import io.ddc.Probe;
import io.ddc.Target;
import io.ddc.TargetPool;
import io.ddc.spi.EngineSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;


/** Records written by the engine's storage and read back through {@link OutputFile}: the round trip. */
final class StoredRecordsTest {
    private static final long T0 = 1_081_948_390L;
    private static final Target M01 = Target.of("m01");

    @TempDir
    Path root;

    // ---- round trip through the writer ---------------------------------------------------------

    private Storage storage(Probe probe) {
        return Storage.open(Experiment.builder("exp")
                .targets(TargetPool.of("m01"))
                .runner(FakeRunner.exitCodes(request -> 0))
                .probe(probe)
                .storageRoot(root)
                .build(), EngineSettings.defaults());
    }

    /** Stores one execution the way the engine does: sinks, seal, store, discard. */
    private static void store(Storage storage, Probe probe, long iteration, int exit, byte[] stdout, byte[] stderr)
            throws IOException {
        ExecutionSink out = storage.newSink(probe);
        ExecutionSink err = storage.newSink(probe);
        out.write(stdout, 0, stdout.length);
        err.write(stderr, 0, stderr.length);
        out.seal();
        err.seal();
        Optional<Failure> failure = exit == 0 ? Optional.empty()
                : Optional.of(new Failure(Failure.Kind.EXIT_CODE_NOT_ACCEPTED, "exit code " + exit));
        ExecutionResult result = new ExecutionResult(M01, probe.name(), iteration, OptionalInt.of(exit), out.output(), err.output(),
                Duration.ofMillis(250), failure);
        try {
            storage.store(result, out, err);
        } finally {
            out.discard();
            err.discard();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void storedRecordsAreIndexedWithTheirOffsetsAndReadBackByteForByte() throws Exception {
        Probe probe = Probe.builder("p").command("x").build();
        Storage storage = storage(probe);
        byte[] first = bytes("hello\n");
        byte[] binary = {0x00, (byte) 0xFF, '\r', '\n', 0x00, '\r', (byte) 0x80, 0x7F, 0x00};
        byte[] fakeHeader = bytes("line\n#ddc1 iteration=1 outcome=SUCCEEDED exit=0 elapsed=0.000 failure=- bytes=2\nxy\n");
        byte[] noTrailingNewline = bytes("no newline at the end");
        store(storage, probe, T0, 0, first, bytes("warning\n"));
        store(storage, probe, T0 + 60, 0, binary, new byte[0]);
        store(storage, probe, T0 + 120, 2, fakeHeader, new byte[0]);
        store(storage, probe, T0 + 180, 0, noTrailingNewline, new byte[0]);
        store(storage, probe, T0 + 240, 0, new byte[0], new byte[0]);
        Path file = root.resolve("exp/m01/p.stdout");

        OutputFile.Index index = OutputFile.index(file);

        String h1 = "#ddc1 iteration=1081948390 outcome=SUCCEEDED exit=0 elapsed=0.250 failure=- bytes=6 reason=-\n";
        String h2 = "#ddc1 iteration=1081948450 outcome=SUCCEEDED exit=0 elapsed=0.250 failure=- bytes=9 reason=-\n";
        String h3 = "#ddc1 iteration=1081948510 outcome=FAILED exit=2 elapsed=0.250 failure=EXIT_CODE_NOT_ACCEPTED bytes="
                + fakeHeader.length + " reason=exit%20code%202\n";
        String h4 = "#ddc1 iteration=1081948570 outcome=SUCCEEDED exit=0 elapsed=0.250 failure=- bytes=21 reason=-\n";
        String h5 = "#ddc1 iteration=1081948630 outcome=SUCCEEDED exit=0 elapsed=0.250 failure=- bytes=0 reason=-\n";
        long o1 = h1.length();
        long o2 = o1 + first.length + 1 + h2.length();
        long o3 = o2 + binary.length + 1 + h3.length();
        long o4 = o3 + fakeHeader.length + 1 + h4.length();
        long o5 = o4 + noTrailingNewline.length + 1 + h5.length();
        long total = o5 + 1;
        assertThat(index.problem()).isEmpty();
        assertThat(index.fileLength()).isEqualTo(total).isEqualTo(Files.size(file));
        assertThat(index.validLength()).isEqualTo(total);
        assertThat(index.records()).extracting(OutputFile.Record::iterationId, OutputFile.Record::offset,
                OutputFile.Record::length).containsExactly(
                        tuple(T0, o1, 6L),
                        tuple(T0 + 60, o2, 9L),
                        tuple(T0 + 120, o3, (long) fakeHeader.length),
                        tuple(T0 + 180, o4, 21L),
                        tuple(T0 + 240, o5, 0L));
        assertThat(index.records().get(2)).isEqualTo(new OutputFile.Record(T0 + 120, Outcome.FAILED,
                OptionalInt.of(2), Duration.ofMillis(250), Optional.of(Failure.Kind.EXIT_CODE_NOT_ACCEPTED),
                "exit code 2", o3, fakeHeader.length));
        List<OutputFile.Record> records = index.records();
        assertThat(OutputFile.readOutput(file, records.get(0))).isEqualTo(first);
        assertThat(OutputFile.readOutput(file, records.get(1))).isEqualTo(binary);
        assertThat(OutputFile.readOutput(file, records.get(2))).isEqualTo(fakeHeader);
        assertThat(OutputFile.readOutput(file, records.get(3))).isEqualTo(noTrailingNewline);
        assertThat(OutputFile.readOutput(file, records.get(4))).isEmpty();
        byte[] whole = Files.readAllBytes(file);
        assertThat(new String(whole, 0, h1.length(), StandardCharsets.US_ASCII)).isEqualTo(h1);
    }

    @Test
    void theStderrFileGetsOneRecordPerExecutionToo() throws Exception {
        Probe probe = Probe.builder("p").command("x").build();
        Storage storage = storage(probe);
        store(storage, probe, T0, 0, bytes("out"), bytes("err\n"));
        store(storage, probe, T0 + 1, 0, bytes("out"), new byte[0]);
        Path file = root.resolve("exp/m01/p.stderr");

        OutputFile.Index index = OutputFile.index(file);

        assertThat(index.problem()).isEmpty();
        assertThat(index.records()).extracting(OutputFile.Record::iterationId, OutputFile.Record::length)
                .containsExactly(tuple(T0, 4L),
                        tuple(T0 + 1, 0L));
        assertThat(OutputFile.readOutput(file, index.records().get(0))).isEqualTo(bytes("err\n"));
    }

    @Test
    void anOutputLargerThanTheCaptureLimitIsStoredWhole() throws Exception {
        Probe probe = Probe.builder("p").command("x").captureLimit(16).build();
        Storage storage = storage(probe);
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + i / 256);
        }
        store(storage, probe, T0, 0, big, new byte[0]);
        store(storage, probe, T0 + 1, 0, bytes("small"), new byte[0]);
        Path file = root.resolve("exp/m01/p.stdout");

        OutputFile.Index index = OutputFile.index(file);

        assertThat(index.problem()).isEmpty();
        assertThat(index.records()).extracting(OutputFile.Record::length).containsExactly(200_000L, 5L);
        assertThat(OutputFile.readOutput(file, index.records().get(0))).isEqualTo(big);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputFile.copyOutput(file, index.records().get(1), copy);
        assertThat(copy.toByteArray()).isEqualTo(bytes("small"));
    }

}
