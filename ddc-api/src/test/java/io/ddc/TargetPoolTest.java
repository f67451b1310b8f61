package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TargetPoolTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("targets.txt"), content, StandardCharsets.UTF_8);
    }

    private static List<String> names(TargetPool pool) {
        return pool.targets().stream().map(Target::name).collect(Collectors.toList());
    }

    @Test
    void of_keepsTheOrderGiven() {
        TargetPool pool = TargetPool.of("m02", "10.0.0.7", "m01", "fe80::1");

        assertThat(names(pool)).containsExactly("m02", "10.0.0.7", "m01", "fe80::1");
        assertThat(pool.size()).isEqualTo(4);
        assertThat(pool).containsExactly(Target.of("m02"), Target.of("10.0.0.7"), Target.of("m01"), Target.of("fe80::1"));
    }

    @Test
    void of_collection_keepsItsIterationOrder() {
        TargetPool pool = TargetPool.of(List.of("b", "a", "c"));

        assertThat(names(pool)).containsExactly("b", "a", "c");
    }

    @Test
    void of_nothing_isRejected() {
        assertThatThrownBy(() -> TargetPool.of())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a target pool needs at least one target");
        assertThatThrownBy(() -> TargetPool.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a target pool needs at least one target");
    }

    @Test
    void of_duplicate_isRejected() {
        assertThatThrownBy(() -> TargetPool.of("m01", "m02", "m01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'm01' appears twice in the pool");
    }

    @Test
    void of_duplicateDifferingOnlyInCase_isRejected() {
        assertThatThrownBy(() -> TargetPool.of("lab.m01", "LAB.M01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'LAB.M01' appears twice in the pool");
        assertThatThrownBy(() -> TargetPool.of("fe80::a", "FE80::A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'FE80::A' appears twice in the pool");
    }

    @Test
    void of_badName_reportsTheTargetRule() {
        assertThatThrownBy(() -> TargetPool.of("m01", "-n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target '-n' starts with '-' and could be taken for an option");
    }

    @Test
    void of_nullName_throwsNullPointerException() {
        assertThatThrownBy(() -> TargetPool.of(Arrays.asList("m01", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("target name");
    }

    @Test
    void targets_isUnmodifiable() {
        TargetPool pool = TargetPool.of("m01");

        assertThatThrownBy(() -> pool.targets().add(Target.of("m02")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void of_copiesTheCollection() {
        List<String> source = new ArrayList<>(List.of("m01", "m02"));
        TargetPool pool = TargetPool.of(source);

        source.add("m03");

        assertThat(names(pool)).containsExactly("m01", "m02");
    }

    @Test
    void equalsAndHashCode_dependOnTargetsAndOrder() {
        assertThat(TargetPool.of("m01", "m02")).isEqualTo(TargetPool.of(List.of("m01", "m02")))
                .hasSameHashCodeAs(TargetPool.of("m01", "m02"));
        assertThat(TargetPool.of("m01", "m02")).isNotEqualTo(TargetPool.of("m02", "m01"));
        assertThat(TargetPool.of("m01")).hasToString("TargetPool[m01]");
    }

    @Test
    void fromFile_ignoresCommentsAndBlankLinesAndKeepsTheOrder() throws IOException {
        Path file = write("# lab 1, second floor\n"
                + "\n"
                + "m03\n"
                + "   \n"
                + "m01   # the teacher's PC\n"
                + "\t10.0.0.7\t\n"
                + "fe80::1#no space before the comment\n"
                + "#m99\n"
                + "   # indented comment\n"
                + "m02");

        assertThat(names(TargetPool.fromFile(file))).containsExactly("m03", "m01", "10.0.0.7", "fe80::1", "m02");
    }

    @Test
    void fromFile_windowsLineEndings_areAccepted() throws IOException {
        Path file = write("m01\r\nm02 # comment\r\n\r\nm03\r\n");

        assertThat(names(TargetPool.fromFile(file))).containsExactly("m01", "m02", "m03");
    }

    @Test
    void fromFile_oneBadLine_namesTheFileTheLineAndTheRule() throws IOException {
        Path file = write("m01\n# comment\nm02;reboot\nm03\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": line 3: target 'm02;reboot' contains the shell metacharacter ';'");
    }

    @Test
    void fromFile_severalBadLines_areAllListed() throws IOException {
        Path file = write("m01\n-x\nm 02\n\nok.lab\n../etc\n300.1.1.1\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": 4 bad lines"
                        + "\n  line 2: target '-x' starts with '-' and could be taken for an option"
                        + "\n  line 3: target 'm 02' contains whitespace"
                        + "\n  line 6: target '../etc' contains '/', which could make it a path"
                        + "\n  line 7: target '300.1.1.1' is not a valid IPv4 address ('300' is not 0 to 255)");
    }

    @Test
    void fromFile_manyBadLines_listsTheFirst20AndCountsTheRest() throws IOException {
        Path file = write(IntStream.rangeClosed(1, 25).mapToObj(i -> "bad_" + i).collect(Collectors.joining("\n")));

        String expected = "targets file " + file + ": 25 bad lines"
                + IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "\n  line " + i + ": target 'bad_" + i + "' contains '_' (U+005F), which is not"
                                + " allowed in a host name (RFC 1123)")
                        .collect(Collectors.joining())
                + "\n  ... and 5 more";
        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    @Test
    void fromFile_duplicateLine_namesBothLines() throws IOException {
        Path file = write("m01\nm02\n\nm01\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": line 4: duplicate target 'm01' (first on line 1)");
    }

    @Test
    void fromFile_duplicateDifferingOnlyInCase_isReported() throws IOException {
        Path file = write("m01\nm02\nM01\nm02\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": 2 bad lines"
                        + "\n  line 3: duplicate target 'M01' (first on line 1)"
                        + "\n  line 4: duplicate target 'm02' (first on line 2)");
    }

    @Test
    void fromFile_badAndDuplicateLines_areReportedTogetherInLineOrder() throws IOException {
        Path file = write("m01\nm/01\nm01\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + ": 2 bad lines"
                        + "\n  line 2: target 'm/01' contains '/', which could make it a path"
                        + "\n  line 3: duplicate target 'm01' (first on line 1)");
    }

    @Test
    void fromFile_emptyFile_isRejected() throws IOException {
        Path file = write("");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + " contains no target");
    }

    @Test
    void fromFile_onlyCommentsAndBlankLines_isRejected() throws IOException {
        Path file = write("# nothing yet\n\n   \n# m01\n");

        assertThatThrownBy(() -> TargetPool.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets file " + file + " contains no target");
    }

    @Test
    void fromFile_missingFile_throwsNoSuchFileException() {
        Path missing = dir.resolve("missing.txt");

        assertThatThrownBy(() -> TargetPool.fromFile(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing.toString());
    }

    @Test
    void fromFile_utf8ByteOrderMark_isIgnored() throws IOException {
        Path file = write("\uFEFFm01\nm02\n");

        assertThat(names(TargetPool.fromFile(file))).containsExactly("m01", "m02");
    }
}
