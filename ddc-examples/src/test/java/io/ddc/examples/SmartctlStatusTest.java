package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class SmartctlStatusTest {
    @ParameterizedTest(name = "{0}: readable {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | true  | 0 (ok)
            1   | false | 1 (bit 0: the command line did not parse)
            2   | false | 2 (bit 1: the device could not be opened, did not identify itself or is in a low-power mode)
            4   | false | 4 (bit 2: a command to the disk failed, or a SMART data structure has a checksum error)
            8   | true  | 8 (bit 3: the SMART health status says the disk is FAILING)
            16  | true  | 16 (bit 4: some pre-fail attributes are at or below their thresholds)
            32  | true  | 32 (bit 5: some attributes were at or below their thresholds in the past)
            64  | true  | 64 (bit 6: the device error log has errors)
            128 | true  | 128 (bit 7: the self-test log has errors)
            120 | true  | 120 (bit 3: the SMART health status says the disk is FAILING; bit 4: some pre-fail attributes are at or below their thresholds; bit 5: some attributes were at or below their thresholds in the past; bit 6: the device error log has errors)
            66  | false | 66 (bit 1: the device could not be opened, did not identify itself or is in a low-power mode; bit 6: the device error log has errors)
            127 | false | 127 (smartctl not found)
            126 | false | 126 (smartctl cannot be run: not executable)
            """)
    void decoding(int code, boolean readable, String description) {
        SmartctlStatus status = new SmartctlStatus(code);

        assertThat(status.readable()).isEqualTo(readable);
        assertThat(status.describe()).isEqualTo(description);
        assertThat(status).hasToString(description);
    }

    @Test
    void succeededCodes_areThoseWithoutBits0To2() {
        assertThat(SmartctlStatus.SUCCEEDED_CODES).hasSize(32).startsWith(0, 8, 16, 24).endsWith(240, 248)
                .doesNotContain(1, 2, 4, 7, 66, 127, 255);
        assertThat(Arrays.stream(SmartctlStatus.SUCCEEDED_CODES)).allMatch(code -> new SmartctlStatus(code).readable());
    }

    @Test
    void has_testsOneBit() {
        SmartctlStatus status = new SmartctlStatus(72);

        assertThat(status.has(3)).isTrue();
        assertThat(status.has(6)).isTrue();
        assertThat(status.has(4)).isFalse();
    }

    @Test
    void outOfRange_isRefused() {
        assertThatThrownBy(() -> new SmartctlStatus(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a smartctl exit status is 0 to 255, got 256");
        assertThatThrownBy(() -> new SmartctlStatus(-1)).hasMessage("a smartctl exit status is 0 to 255, got -1");
    }
}
