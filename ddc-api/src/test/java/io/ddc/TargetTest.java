package io.ddc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TargetTest {

    private static void assertRejected(String name, String message) {
        assertThatThrownBy(() -> Target.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m01", "M01", "lab-pc-7", "pc7.lab.example.org", "a", "1st-floor", "host.123abc", "xn--bcher-kva.example",
        "10.0.0.7", "0.0.0.0", "255.255.255.255", "192.168.1.10",
        "::1", "fe80::1", "FE80::1", "2001:db8::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::",
        "::ffff:192.0.2.1"
    })
    void of_acceptedName_keepsItAsGiven(String name) {
        Target target = Target.of(name);

        assertThat(target.name()).isEqualTo(name);
        assertThat(target).hasToString(name);
    }

    @Test
    void of_hostNameOf253Characters_isAccepted() {
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

        assertThat(name).hasSize(253);
        assertThat(Target.of(name).name()).isEqualTo(name);
    }

    @Test
    void of_labelOf63Characters_isAccepted() {
        String name = "x".repeat(63) + ".example";

        assertThat(Target.of(name).name()).isEqualTo(name);
    }

    @Test
    void of_null_throwsNullPointerExceptionNamingTheParameter() {
        assertThatThrownBy(() -> Target.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void of_emptyName_isRejected() {
        assertRejected("", "target name is empty");
    }

    @Test
    void of_leadingDash_couldBeAnOption() {
        assertRejected("-accepteula", "target '-accepteula' starts with '-' and could be taken for an option");
        assertRejected("-", "target '-' starts with '-' and could be taken for an option");
    }

    @Test
    void of_backslash_couldMakeAPath() {
        assertRejected("\\\\m01", "target '\\\\m01' contains '\\', which could make it a path");
        assertRejected("lab\\m01", "target 'lab\\m01' contains '\\', which could make it a path");
    }

    @Test
    void of_slash_couldMakeAPath() {
        assertRejected("lab/m01", "target 'lab/m01' contains '/', which could make it a path");
        assertRejected("/etc", "target '/etc' contains '/', which could make it a path");
    }

    @Test
    void of_dotDot_couldMakeAPath() {
        assertRejected("..", "target '..' contains '..', which could make it a path");
        assertRejected("m01..lab", "target 'm01..lab' contains '..', which could make it a path");
    }

    @Test
    void of_whitespace_isRejected() {
        assertRejected("m 01", "target 'm 01' contains whitespace");
        assertRejected(" m01", "target ' m01' contains whitespace");
        assertRejected("m01\u00A0", "target 'm01\u00A0' contains whitespace");
        assertRejected("m01\u3000", "target 'm01\u3000' contains whitespace");
    }

    @Test
    void of_controlCharacter_isRejectedAndEscapedInTheMessage() {
        assertRejected("m01\u0000", "target 'm01\\u0000' contains a control character (U+0000)");
        assertRejected("m01\n", "target 'm01\\u000A' contains a control character (U+000A)");
        assertRejected("m\r01", "target 'm\\u000D01' contains a control character (U+000D)");
        assertRejected("m\t01", "target 'm\\u000901' contains a control character (U+0009)");
        assertRejected("m01\u001B[2J", "target 'm01\\u001B[2J' contains a control character (U+001B)");
        assertRejected("m01\u007F", "target 'm01\\u007F' contains a control character (U+007F)");
    }

    @ParameterizedTest
    @ValueSource(chars = {';', '&', '|', '<', '>', '(', ')', '$', '`', '\'', '"', '*', '?', '[', ']', '{', '}', '!',
        '~', '#', '%', '^'})
    void of_shellMetacharacter_isRejected(char metacharacter) {
        String name = "m" + metacharacter + "01";

        assertRejected(name, "target '" + name + "' contains the shell metacharacter '" + metacharacter + "'");
    }

    @ParameterizedTest
    @ValueSource(chars = {',', '@', '='})
    void of_characterReservedByTraceLinesOrLaunchers_isRejected(char reserved) {
        String name = "m" + reserved + "01";

        assertRejected(name, "target '" + name + "' contains '" + reserved + "', which trace lines and launchers reserve");
    }

    @Test
    void of_atSignNamingAPsExecListFile_isRejected() {
        assertRejected("@computers.txt", "target '@computers.txt' contains '@', which trace lines and launchers reserve");
    }

    @Test
    void of_over253Characters_isRejected() {
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);

        assertThat(name).hasSize(254);
        assertRejected(name, "target '" + name + "' is 254 characters long: a host name has at most 253");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "300.1.1.1;   target '300.1.1.1' is not a valid IPv4 address ('300' is not 0 to 255)",
        "1.2.3.256;   target '1.2.3.256' is not a valid IPv4 address ('256' is not 0 to 255)",
        "1.2.3.0001;  target '1.2.3.0001' is not a valid IPv4 address ('0001' is not 0 to 255)",
        "1.2.3;       target '1.2.3' is not a valid IPv4 address (it needs 4 numbers)",
        "1.2.3.4.5;   target '1.2.3.4.5' is not a valid IPv4 address (it needs 4 numbers)",
        "1.2.3.4.;    target '1.2.3.4.' is not a valid IPv4 address (it needs 4 numbers)",
        "1234;        target '1234' is not a valid IPv4 address (it needs 4 numbers)",
        ".1.2.3;      target '.1.2.3' is not a valid IPv4 address ('' is not 0 to 255)"
    })
    void of_badIpv4_isRejected(String name, String message) {
        assertRejected(name, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "1:2:3:4:5:6:7:8:9; target '1:2:3:4:5:6:7:8:9' is not a valid IPv6 address",
        "12345::1;          target '12345::1' is not a valid IPv6 address",
        "1::2::3;           target '1::2::3' is not a valid IPv6 address",
        ":::;               target ':::' is not a valid IPv6 address",
        "fe80::1:;          target 'fe80::1:' is not a valid IPv6 address",
        "::1.2.3.256;       target '::1.2.3.256' is not a valid IPv6 address",
        "fe80::g;           target 'fe80::g' contains ':' but is not an IPv6 address",
        "m01:445;           target 'm01:445' contains ':' but is not an IPv6 address",
        "c:;                target 'c:' is not a valid IPv6 address",
        "host:;             target 'host:' contains ':' but is not an IPv6 address"
    })
    void of_badIpv6_isRejected(String name, String message) {
        assertRejected(name, message);
    }

    @Test
    void of_ipv6WithZone_isRejectedForItsPercentSign() {
        assertRejected("fe80::1%eth0", "target 'fe80::1%eth0' contains the shell metacharacter '%'");
    }

    @Test
    void of_ipv6WithNonAsciiDigits_isRejected() {
        assertRejected("::\u0661", "target '::\u0661' contains ':' but is not an IPv6 address");
        assertRejected("fe80::\uFF26", "target 'fe80::\uFF26' contains ':' but is not an IPv6 address");
    }

    @Test
    void of_labelStartingOrEndingWithDash_isRejected() {
        assertRejected("m01-", "target 'm01-' has a label that starts or ends with '-' (RFC 1123)");
        assertRejected("lab.-m01", "target 'lab.-m01' has a label that starts or ends with '-' (RFC 1123)");
        assertRejected("m01-.lab", "target 'm01-.lab' has a label that starts or ends with '-' (RFC 1123)");
    }

    @Test
    void of_labelLongerThan63Characters_isRejected() {
        String name = "x".repeat(64) + ".example";

        assertRejected(name, "target '" + name + "' has a label longer than 63 characters");
    }

    @Test
    void of_emptyLabel_isRejected() {
        assertRejected(".m01", "target '.m01' has an empty label between dots");
        assertRejected("m01.", "target 'm01.' has an empty label between dots");
    }

    @Test
    void of_singleDot_isRejected() {
        assertThatThrownBy(() -> Target.of("."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("target '.' ");
    }

    @Test
    void of_underscore_isNotAllowedInAHostName() {
        assertRejected("lab_pc", "target 'lab_pc' contains '_' (U+005F), which is not allowed in a host name (RFC 1123)");
    }

    @Test
    void of_nonAscii_isNotAllowedInAHostName() {
        assertRejected("bücher", "target 'bücher' contains 'ü' (U+00FC), which is not allowed in a host name (RFC 1123)");
        assertRejected("m01\u200B", "target 'm01\u200B' contains '\u200B' (U+200B), which is not allowed in a host name"
                + " (RFC 1123)");
    }

    @Test
    void folderName_ipv6_replacesColonsWithUnderscores() {
        assertThat(Target.of("fe80::1").folderName()).isEqualTo("fe80__1");
        assertThat(Target.of("::1").folderName()).isEqualTo("__1");
        assertThat(Target.of("2001:db8::8a2e:370:7334").folderName()).isEqualTo("2001_db8__8a2e_370_7334");
    }

    @Test
    void folderName_hostNameOrIpv4_isTheNameItself() {
        assertThat(Target.of("pc7.lab.example.org").folderName()).isEqualTo("pc7.lab.example.org");
        assertThat(Target.of("10.0.0.7").folderName()).isEqualTo("10.0.0.7");
        assertThat(Target.of("M01").folderName()).isEqualTo("M01");
    }

    @Test
    void identity_ignoresCase() {
        assertThat(Target.of("M01.Lab").identity()).isEqualTo(Target.of("m01.lab").identity());
        assertThat(Target.of("FE80::1").identity()).isEqualTo(Target.of("fe80::1").identity());
    }

    @Test
    void equals_comparesTheNameAsGiven() {
        assertThat(Target.of("m01")).isEqualTo(new Target("m01")).hasSameHashCodeAs(new Target("m01"));
        assertThat(Target.of("m01")).isNotEqualTo(Target.of("m02"));
    }

    @Test
    void of_windowsDeviceName_isRejected() {
        assertRejected("con", "target 'con' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
                + " and cannot name a file");
        assertRejected("LPT1.lab.example", "target 'LPT1.lab.example' is a device name on Windows"
                + " (CON, PRN, AUX, NUL, COM1-9, LPT1-9) and cannot name a file");
        assertThat(Target.of("console").name()).isEqualTo("console");
        assertThat(Target.of("com10").name()).isEqualTo("com10");
    }

    @Test
    void of_ipv4WithALeadingZero_isRejectedBecauseSomeToolsReadOctal() {
        assertRejected("010.0.0.1", "target '010.0.0.1' is not a valid IPv4 address ('010' has a leading zero,"
                + " which some tools read as octal)");
        assertThat(Target.of("10.0.0.1").name()).isEqualTo("10.0.0.1");
    }

    @Test
    void of_ipv6StartingWithADot_isRejectedWithoutAskingDns() {
        assertRejected(".:1", "target '.:1' is not a valid IPv6 address");
    }
}
