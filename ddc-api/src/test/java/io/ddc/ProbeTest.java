package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ProbeTest {
    private static final PostCollector NOTHING = (result, context) -> { };

    private static List<String> collectorNames(Probe probe) {
        return probe.postCollectors().stream().map(Probe.NamedPostCollector::name).collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loadavg", "a", "_hidden", "0", "disk.usage-v2_x", "A-Z.a-z"})
    void builder_acceptedName(String name) {
        assertThat(Probe.builder(name).command("true").build().name()).isEqualTo(name);
    }

    @Test
    void builder_nameOf64Characters_isAccepted() {
        String name = "p".repeat(64);

        assertThat(Probe.builder(name).command("true").build().name()).isEqualTo(name);
    }

    @Test
    void builder_emptyName_isRejected() {
        assertThatThrownBy(() -> Probe.builder(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name is empty: use 1 to 64 of the characters A-Z a-z 0-9 . _ -");
    }

    @Test
    void builder_nameOf65Characters_isRejected() {
        String name = "p".repeat(65);

        assertThatThrownBy(() -> Probe.builder(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name '" + name + "' is 65 characters long: at most 64 are allowed");
    }

    @Test
    void builder_nameWithABadCharacter_isRejected() {
        assertThatThrownBy(() -> Probe.builder("disk/usage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name 'disk/usage' contains '/' (U+002F): use only the characters A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Probe.builder("disk usage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name 'disk usage' contains a space (U+0020): use only the characters A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Probe.builder("disk\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name 'disk\\u0000' contains a control character (U+0000): use only the characters"
                        + " A-Z a-z 0-9 . _ -");
        assertThatThrownBy(() -> Probe.builder("d\u00EFsk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name 'd\u00EFsk' contains '\u00EF' (U+00EF): use only the characters A-Z a-z 0-9 . _ -");
    }

    @Test
    void builder_nameStartingWithDot_isRejected() {
        assertThatThrownBy(() -> Probe.builder(".hidden"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name '.hidden' starts with '.': start it with a letter, a digit or '_'");
        assertThatThrownBy(() -> Probe.builder(".."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name '..' starts with '.': start it with a letter, a digit or '_'");
    }

    @Test
    void builder_nameStartingWithDash_isRejected() {
        assertThatThrownBy(() -> Probe.builder("-rf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe name '-rf' starts with '-': start it with a letter, a digit or '_'");
    }

    @Test
    void builder_nullName_throwsNullPointerException() {
        assertThatThrownBy(() -> Probe.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void build_withoutCommand_isRejected() {
        assertThatThrownBy(() -> Probe.builder("loadavg").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("probe 'loadavg' has no command: call command(executable, arguments...)");
    }

    @Test
    void command_emptyExecutable_isRejected() {
        Probe.Builder builder = Probe.builder("loadavg");

        assertThatThrownBy(() -> builder.command(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'loadavg': the executable is empty");
        assertThatThrownBy(() -> builder.command("", "/proc/loadavg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'loadavg': the executable is empty");
        assertThatThrownBy(() -> builder.command(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'loadavg': the executable is empty");
    }

    @Test
    void command_nulInAnArgument_namesTheArgumentIndex() {
        assertThatThrownBy(() -> Probe.builder("p").command("cat", "/proc/loadavg", "a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': argument 2 contains a NUL character, which no process can receive");
        assertThatThrownBy(() -> Probe.builder("p").command(List.of("cat", "\u0000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': argument 1 contains a NUL character, which no process can receive");
    }

    @Test
    void command_nulInTheExecutable_isRejected() {
        assertThatThrownBy(() -> Probe.builder("p").command("cat\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': the executable contains a NUL character, which no process can receive");
    }

    @Test
    void command_nullElement_throwsNullPointerExceptionNamingIt() {
        assertThatThrownBy(() -> Probe.builder("p").command("cat", "a", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("command element 2");
        assertThatThrownBy(() -> Probe.builder("p").command(Arrays.asList(null, "a")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("executable");
    }

    @Test
    void command_keepsEmptyArgumentsAndSpaces() {
        Probe probe = Probe.builder("p").command("C:\\Program Files\\tool.exe", "", "two words").build();

        assertThat(probe.command()).containsExactly("C:\\Program Files\\tool.exe", "", "two words");
        assertThat(probe.executable()).isEqualTo("C:\\Program Files\\tool.exe");
        assertThat(probe.arguments()).containsExactly("", "two words");
    }

    @Test
    void timeout_zeroOrNegative_isRejected() {
        Probe.Builder builder = Probe.builder("p");

        assertThatThrownBy(() -> builder.timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': timeout must be positive, got PT0S");
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': timeout must be positive, got PT-5S");
    }

    @Test
    void timeout_positive_isKept() {
        Probe probe = Probe.builder("p").command("true").timeout(Duration.ofMillis(1)).build();

        assertThat(probe.timeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void acceptExitCodes_none_isRejected() {
        assertThatThrownBy(() -> Probe.builder("p").acceptExitCodes())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': give at least one accepted exit code");
    }

    @Test
    void acceptExitCodes_replacesTheDefault() {
        Probe probe = Probe.builder("p").command("robocopy").acceptExitCodes(1, 2, 3, 1).build();

        assertThat(probe.acceptedExitCodes()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(probe.accepts(0)).isFalse();
        assertThat(probe.accepts(2)).isTrue();
        assertThat(probe.accepts(8)).isFalse();
    }

    @Test
    void captureLimit_negative_isRejected() {
        assertThatThrownBy(() -> Probe.builder("p").captureLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe 'p': capture limit must be 0 or more, got -1");
    }

    @Test
    void captureLimit_zeroAndStoreOutputOff_areKept() {
        Probe probe = Probe.builder("p").command("true").captureLimit(0).storeOutput(false).build();

        assertThat(probe.captureLimit()).isZero();
        assertThat(probe.storesOutput()).isFalse();
    }

    @Test
    void postCollector_duplicateName_isRejected() {
        Probe.Builder builder = Probe.builder("p").postCollector("print", NOTHING);

        assertThatThrownBy(() -> builder.postCollector("print", NOTHING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("probe 'p' already has a post-collector named 'print'");
    }

    @Test
    void postCollector_blankName_isRejected() {
        assertThatThrownBy(() -> Probe.builder("p").postCollector(" ", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("post-collector name is blank");
    }

    @Test
    void postCollector_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Probe.builder("p").postCollector("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("collector");
    }

    @Test
    void postCollector_withoutName_isNamedAfterTheProbeAndItsPosition() {
        PostCollector first = (result, context) -> { };
        PostCollector second = (result, context) -> { };

        Probe probe = Probe.builder("loadavg").command("true").postCollector(first).postCollector(second).build();

        assertThat(collectorNames(probe)).containsExactly("loadavg#1", "loadavg#2");
        assertThat(probe.postCollectors().get(0).collector()).isSameAs(first);
        assertThat(probe.postCollectors().get(1).collector()).isSameAs(second);
    }

    @Test
    void postCollector_keepsTheOrderOfDeclaration() {
        Probe probe = Probe.builder("p").command("true")
                .postCollector("store", NOTHING).postCollector(NOTHING).postCollector("alert", NOTHING).build();

        assertThat(collectorNames(probe)).containsExactly("store", "p#2", "alert");
    }

    @Test
    void postCollector_autoNameNeverCollidesWithAnExplicitName() {
        Probe.Builder builder = Probe.builder("p").postCollector("p#2", NOTHING);

        Probe probe = builder.postCollector(NOTHING).command("true").build();

        assertThat(collectorNames(probe)).hasSize(2).doesNotHaveDuplicates().startsWith("p#2");
    }

    @Test
    void build_defaults() {
        Probe probe = Probe.builder("p").command("true").build();

        assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(Probe.DEFAULT_TIMEOUT);
        assertThat(probe.acceptedExitCodes()).containsExactly(0);
        assertThat(probe.accepts(0)).isTrue();
        assertThat(probe.accepts(1)).isFalse();
        assertThat(probe.storesOutput()).isTrue();
        assertThat(probe.captureLimit()).isEqualTo(1024 * 1024).isEqualTo(Probe.DEFAULT_CAPTURE_LIMIT);
        assertThat(probe.postCollectors()).isEmpty();
        assertThat(probe.command()).containsExactly("true");
        assertThat(probe.arguments()).isEmpty();
    }

    @Test
    void build_probeIsUnmodifiable() {
        Probe probe = Probe.builder("p").command("cat", "/proc/loadavg").postCollector(NOTHING).build();

        assertThatThrownBy(() -> probe.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> probe.command().set(0, "rm")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> probe.arguments().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> probe.acceptedExitCodes().add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> probe.postCollectors().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_laterBuilderChanges_doNotAffectTheProbe() {
        Probe.Builder builder = Probe.builder("p").command("cat", "/proc/loadavg").postCollector(NOTHING);
        Probe probe = builder.build();

        builder.command("rm", "-rf", "/").timeout(Duration.ofSeconds(1)).acceptExitCodes(7)
                .postCollector(NOTHING).storeOutput(false).captureLimit(3);

        assertThat(probe.command()).containsExactly("cat", "/proc/loadavg");
        assertThat(probe.timeout()).isEqualTo(Probe.DEFAULT_TIMEOUT);
        assertThat(probe.acceptedExitCodes()).containsExactly(0);
        assertThat(collectorNames(probe)).containsExactly("p#1");
        assertThat(probe.storesOutput()).isTrue();
        assertThat(probe.captureLimit()).isEqualTo(Probe.DEFAULT_CAPTURE_LIMIT);
        assertThat(builder.build().command()).containsExactly("rm", "-rf", "/");
    }

    @Test
    void command_copiesTheList() {
        List<String> command = new ArrayList<>(List.of("cat", "/proc/loadavg"));
        Probe.Builder builder = Probe.builder("p").command(command);

        command.set(1, "/etc/shadow");
        command.add("x");

        assertThat(builder.build().command()).containsExactly("cat", "/proc/loadavg");
    }

    @Test
    void command_copiesTheArgumentArray() {
        String[] arguments = {"/proc/loadavg"};
        Probe.Builder builder = Probe.builder("p").command("cat", arguments);

        arguments[0] = "/etc/shadow";

        assertThat(builder.build().arguments()).containsExactly("/proc/loadavg");
    }

    @Test
    void toString_namesProbeCommandAndTimeout() {
        Probe probe = Probe.builder("load").command("cat", "/proc/loadavg").timeout(Duration.ofSeconds(10)).build();

        assertThat(probe).hasToString("Probe[load: cat /proc/loadavg, timeout PT10S]");
    }

    @Test
    void toBuilder_copiesEveryProperty_andTheCopyCanChangeOne() {
        PostCollector first = (result, context) -> { };
        PostCollector second = (result, context) -> { };
        Probe probe = Probe.builder("smart").command("smartctl", "-A", "/dev/sda").timeout(Duration.ofSeconds(5))
                .acceptExitCodes(0, 4, 64).storeOutput(false).captureLimit(4096)
                .postCollector("parse", first).postCollector("alert", second).build();

        Probe copy = probe.toBuilder().timeout(Duration.ofMillis(1500)).build();

        assertThat(copy.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(probe.timeout()).as("the original").isEqualTo(Duration.ofSeconds(5));
        assertThat(copy.name()).isEqualTo("smart");
        assertThat(copy.command()).containsExactly("smartctl", "-A", "/dev/sda");
        assertThat(copy.acceptedExitCodes()).containsExactlyInAnyOrder(0, 4, 64);
        assertThat(copy.storesOutput()).isFalse();
        assertThat(copy.captureLimit()).isEqualTo(4096);
        assertThat(copy.postCollectors()).extracting(Probe.NamedPostCollector::name).containsExactly("parse", "alert");
        assertThat(copy.postCollectors()).extracting(Probe.NamedPostCollector::collector).containsExactly(first, second);
    }

    @Test
    void toBuilder_aCollectorAddedToTheCopy_isNotAddedToTheOriginal() {
        Probe probe = Probe.builder("p").command("true").postCollector("a", (result, context) -> { }).build();

        Probe copy = probe.toBuilder().postCollector("b", (result, context) -> { }).build();

        assertThat(probe.postCollectors()).hasSize(1);
        assertThat(copy.postCollectors()).hasSize(2);
    }

    @Test
    void toBuilder_knowsEveryFieldOfProbe() {
        // a new field of Probe must be copied by toBuilder, then listed here
        List<String> fields = java.util.Arrays.stream(Probe.class.getDeclaredFields())
                .filter(field -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
                .map(java.lang.reflect.Field::getName)
                .toList();

        assertThat(fields).containsExactlyInAnyOrder("name", "command", "timeout", "acceptedExitCodes", "postCollectors",
                "storeOutput", "captureLimit");
    }
}
