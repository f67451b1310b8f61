package io.ddc.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.files.StateFile;
import io.ddc.DdcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StateFileTest {
    private static final Instant PHASE = Instant.ofEpochSecond(1_081_948_390L);

    @TempDir
    Path folder;

    private static StateFile.State state(OptionalLong last) {
        Map<String, List<String>> probes = new LinkedHashMap<>();
        probes.put("load", List.of("cat", "/proc/loadavg"));
        probes.put("hello", List.of("sh", "-c", "echo \"hello from $DDC_TARGET\""));
        Map<String, Set<String>> succeeded = new LinkedHashMap<>();
        succeeded.put("load", Set.of("m02", "M01"));
        succeeded.put("hello", Set.of());
        return new StateFile.State("lab", PHASE, last, List.of("M01", "m02", "m03"), probes, succeeded);
    }

    private static final String TEXT = "# DDC experiment state: rewritten after every iteration, read when the"
            + " experiment starts again\n"
            + "format=1\n"
            + "experiment=lab\n"
            + "phase=2004-04-14T13:13:10Z\n"
            + "last-iteration=1081948450\n"
            + "targets=M01,m02,m03,\n"
            + "probe=load cat /proc/loadavg\n"
            + "probe=hello sh -c echo%20%22hello%20from%20$DDC_TARGET%22\n"
            + "succeeded=load M01,m02,\n";

    private Path file() {
        return folder.resolve(".state");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theFormatIsExact() {
        byte[] bytes = StateFile.format(state(OptionalLong.of(1_081_948_450L)));

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo(TEXT);
    }

    @Test
    void aStateRoundTripsThroughTheFile() throws Exception {
        StateFile.State written = state(OptionalLong.of(1_081_948_450L));

        StateWriter.write(ChannelOpener.DEFAULT, folder, written);
        StateFile.State read = StateFile.read(file()).orElseThrow();

        assertThat(read.experiment()).isEqualTo("lab");
        assertThat(read.phase()).isEqualTo(PHASE);
        assertThat(read.lastIteration()).hasValue(1_081_948_450L);
        assertThat(read.targets()).containsExactly("M01", "m02", "m03");
        assertThat(read.probes()).isEqualTo(written.probes());
        assertThat(read.probes().keySet()).containsExactly("load", "hello");
        assertThat(read.succeeded()).containsOnlyKeys("load");
        assertThat(read.succeeded().get("load")).containsExactly("M01", "m02");
        assertThat(read.succeeded().get("load").contains("m01")).as("targets compare without case").isTrue();
    }

    @Test
    void noIterationYetIsADash() throws Exception {
        StateWriter.write(ChannelOpener.DEFAULT, folder, state(OptionalLong.empty()));

        assertThat(Files.readString(file())).contains("\nlast-iteration=-\n");
        assertThat(StateFile.read(file()).orElseThrow().lastIteration()).isEmpty();
    }

    @Test
    void aPhaseWithMillisecondsIsKept() throws Exception {
        Instant phase = Instant.ofEpochMilli(1_081_948_390_123L);
        StateFile.State state = state(OptionalLong.empty());
        StateWriter.write(ChannelOpener.DEFAULT, folder, new StateFile.State("lab", phase, state.lastIteration(),
                state.targets(), state.probes(), state.succeeded()));

        assertThat(StateFile.read(file()).orElseThrow().phase()).isEqualTo(phase);
    }

    @Test
    void writingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        FaultyChannels channels = FaultyChannels.recording(folder);

        StateWriter.write(channels, folder, state(OptionalLong.of(1L)));
        StateWriter.write(channels, folder, state(OptionalLong.of(2L)));

        assertThat(names()).containsExactly(".state");
        assertThat(StateFile.read(file()).orElseThrow().lastIteration()).hasValue(2L);
        // written and forced under the temporary name, never in place
        assertThat(channels.events()).containsExactly("write .state.tmp", "force .state.tmp", "write .state.tmp",
                "force .state.tmp");
    }

    @Test
    void aFailedWriteKeepsTheOldStateRemovesTheTemporaryFileAndNamesTheStateFile() throws Exception {
        StateWriter.write(ChannelOpener.DEFAULT, folder, state(OptionalLong.of(1L)));
        FaultyChannels full = FaultyChannels.failing(folder, path -> true, 0);

        assertThatThrownBy(() -> StateWriter.write(full, folder, state(OptionalLong.of(2L))))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write the experiment state file " + file() + ": No space left on device");
        assertThat(names()).containsExactly(".state");
        assertThat(StateFile.read(file()).orElseThrow().lastIteration()).hasValue(1L);
    }

    @Test
    void aFileWithoutTargets_writtenByAnEarlierVersion_readsAsAnUnknownPool() throws Exception {
        Files.writeString(file(), TEXT.replace("targets=M01,m02,m03,\n", ""));

        StateFile.State read = StateFile.read(file()).orElseThrow();

        assertThat(read.targets()).isEmpty();
        assertThat(read.probes().keySet()).containsExactly("load", "hello");
    }

    @Test
    void aMissingFileIsNoState() throws Exception {
        assertThat(StateFile.read(file())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|''",
        "a b|a%20b",
        "50%|50%25",
        "say \"hi\"|say%20%22hi%22",
        "tab\\there|tab%09here",
        "two\\nlines|two%0Alines",
        "café|caf%C3%A9",
        "C:\\Temp\\x.exe|C:\\Temp\\x.exe",
    })
    void commandArgumentsAreOneWordOfPrintableAsciiAndComeBackUnchanged(String written, String encoded)
            throws Exception {
        String argument = written.replace("\\t", "\t").replace("\\n", "\n");
        String expected = argument.isEmpty() ? "\"\"" : encoded;
        assertThat(StateFile.encode(argument)).isEqualTo(expected);

        StateFile.State state = new StateFile.State("lab", PHASE, OptionalLong.empty(), List.of(),
                Map.of("p", List.of("x", argument, "y")), Map.of());
        StateWriter.write(ChannelOpener.DEFAULT, folder, state);

        assertThat(Files.readString(file())).contains("\nprobe=p x " + expected + " y\n");
        assertThat(StateFile.read(file()).orElseThrow().probes().get("p")).containsExactly("x", argument, "y");
    }

    private static final String DAMAGED_HINT = "; nothing was changed: remove it to resume from the trace files, or"
            + " start with freshStart(true) (the launcher's --fresh-start) to move the folder aside and start over";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "format=2\\n|line 1: format '2' is not understood by this version, which reads format 1",
        "experiment=lab\\n|line 1: expected format=1 first",
        "format=1\\nexperiment=lab\\n|no 'phase' line",
        "format=1\\nexperiment=lab\\nphase=2004-04-14T13:13:10Z\\nlast-iteration=-\\n|no 'probe' line",
        "format=1\\nexperiment=lab\\nphase=yesterday\\n|line 3: bad phase 'yesterday'",
        "format=1\\nlast-iteration=-5\\n|line 2: bad last-iteration '-5'",
        "format=1\\nlast-iteration=1\\nlast-iteration=2\\n|line 3: 'last-iteration' appears twice",
        "format=1\\ncolour=blue\\n|line 2: unknown key 'colour'",
        "format=1\\njust words\\n|line 2: expected key=value",
        "format=1\\nprobe=p\\n|line 2: expected probe=<name> <command>",
        "format=1\\nprobe=p a%2\\n|line 2: bad escape in command word 'a%2'",
        "format=1\\nprobe=p %FF\\n|line 2: bytes that are not UTF-8 in command word '%FF'",
        "format=1\\nprobe=p x\\nsucceeded=q m01,\\n|line 3: 'succeeded' names probe 'q', which has no 'probe' line"
                + " before it",
        "format=1\\nprobe=p x\\nsucceeded=p m01\\n|line 3: expected succeeded=<probe> <target>,<target>,...",
        "format=1\\nexperiment=lab|line 2: no newline at the end of the file",
        "format=1\\ntargets=m01\\n|line 2: expected targets=<target>,<target>,...",
        "format=1\\ntargets=,m01,\\n|line 2: expected targets=<target>,<target>,...",
        "format=1\\ntargets=m01,\\ntargets=m02,\\n|line 3: 'targets' appears twice",
    })
    void aDamagedFileIsRefusedWithWhatIsWrongAndWhatToDo(String content, String problem) throws Exception {
        Files.writeString(file(), content.replace("\\n", "\n"), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> StateFile.read(file())).isInstanceOf(DdcException.class)
                .hasMessage("experiment state file " + file() + " is damaged (" + problem + ")" + DAMAGED_HINT);
    }

    @Test
    void nulBytesAreDamage() throws Exception {
        byte[] text = TEXT.getBytes(StandardCharsets.US_ASCII);
        int line3 = TEXT.indexOf("experiment=");
        byte[] withNuls = new byte[text.length + 100];
        System.arraycopy(text, 0, withNuls, 0, line3);
        System.arraycopy(text, line3, withNuls, line3 + 100, text.length - line3);
        Files.write(file(), withNuls);

        assertThatThrownBy(() -> StateFile.read(file())).isInstanceOf(DdcException.class)
                .hasMessage("experiment state file " + file() + " is damaged (line 3: unexpected byte 0x00)"
                        + DAMAGED_HINT);
    }

    @Test
    void commentsBlankLinesAndWindowsLineEndsAreAccepted() throws Exception {
        Files.writeString(file(), "# edited by hand\r\n\r\nformat=1\r\nexperiment=lab\r\nphase=2004-04-14T13:13:10Z\r\n"
                + "last-iteration=7\r\nprobe=p x\r\n", StandardCharsets.US_ASCII);

        assertThat(StateFile.read(file()).orElseThrow().lastIteration()).hasValue(7L);
    }
}
