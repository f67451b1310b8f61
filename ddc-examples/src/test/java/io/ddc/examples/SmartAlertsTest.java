package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.SharedFixtures;
import io.ddc.examples.SmartAttributes.Attribute;
import io.ddc.examples.SmartHistory.Baseline;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each alert rule fires once when its condition appears, and not while values stay or fall. */
final class SmartAlertsTest {
    private static final SmartctlStatus OK = new SmartctlStatus(0);

    private static Attribute ata(String id, String name, String type, String value, String thresh, String whenFailed,
            String raw) {
        return new Attribute(id, name, type, value, value, thresh, whenFailed, raw);
    }

    private static Attribute counter(String id, long raw) {
        return ata(id, "Counter_" + id, "Old_age", "100", "000", "", Long.toString(raw));
    }

    private static Attribute nvme(String name, String raw) {
        return new Attribute("", name, "", "", "", "", "", raw);
    }

    private static SmartAttributes attributes(Attribute... attributes) {
        return new SmartAttributes(List.of(attributes), List.of());
    }

    private static Optional<Baseline> before(Attribute... attributes) {
        return Optional.of(new Baseline(OK, List.of(attributes)));
    }

    private static List<String> compare(Optional<Baseline> before, Attribute... now) {
        return SmartAlerts.compare(before, OK, attributes(now));
    }

    @Test
    void sectorCounters_fireWhenTheyGrow_onlyThen() {
        for (String id : List.of("5", "196", "197", "198")) {
            assertThat(compare(before(counter(id, 0)), counter(id, 8))).containsExactly("Counter_" + id + " (" + id
                    + ") grew 0 -> 8");
            assertThat(compare(before(counter(id, 8)), counter(id, 8))).as("stays").isEmpty();
            assertThat(compare(before(counter(id, 8)), counter(id, 3))).as("falls").isEmpty();
        }
    }

    @Test
    void otherCounters_neverFire() {
        assertThat(compare(before(counter("9", 100)), counter("9", 101))).isEmpty();
        assertThat(compare(Optional.empty(), counter("199", 5))).isEmpty();
    }

    @Test
    void sectorCounters_atTheFirstCheck_fireIfAbove0() {
        assertThat(compare(Optional.empty(), counter("197", 661))).containsExactly("Counter_197 (197) is 661 at the"
                + " first check");
        assertThat(compare(Optional.empty(), counter("197", 0))).isEmpty();
        // a baseline without the attribute, as after a check that could not read the disk
        assertThat(compare(before(), counter("5", 2))).containsExactly("Counter_5 (5) is 2 at the first check");
    }

    @Test
    void prefailAtThreshold_firesOnceWhenItIsReached() {
        Attribute healthy = ata("5", "Reallocated_Sector_Ct", "Pre-fail", "011", "010", "", "0");
        Attribute reached = ata("5", "Reallocated_Sector_Ct", "Pre-fail", "010", "010", "", "0");
        Attribute lower = ata("5", "Reallocated_Sector_Ct", "Pre-fail", "009", "010", "", "0");

        assertThat(compare(before(healthy), healthy)).isEmpty();
        assertThat(compare(before(healthy), reached)).containsExactly("Reallocated_Sector_Ct (5) is at or below its"
                + " threshold: VALUE 010, THRESH 010, Pre-fail");
        assertThat(compare(before(reached), lower)).as("stays below").isEmpty();
        assertThat(compare(before(lower), healthy)).as("recovers").isEmpty();
    }

    @Test
    void thresholdZero_andOldAgeAttributes_doNotFireOnTheirValue() {
        assertThat(compare(Optional.empty(), ata("3", "Spin_Up_Time", "Pre-fail", "000", "000", "", "0"))).isEmpty();
        assertThat(compare(Optional.empty(), ata("9", "Power_On_Hours", "Old_age", "010", "060", "", "9"))).isEmpty();
    }

    @Test
    void whenFailed_firesOnceForAnyAttribute() {
        Attribute failing = ata("250", "Read_Error_Retry_Rate", "Old_age", "090", "050", "In_the_past", "103");

        assertThat(compare(Optional.empty(), failing)).containsExactly("Read_Error_Retry_Rate (250) failed: VALUE 090,"
                + " THRESH 050, Old_age, WHEN_FAILED In_the_past");
        assertThat(compare(before(failing), failing)).isEmpty();
    }

    @Test
    void realFailingDisk_atItsFirstCheck() throws IOException {
        SmartAttributes failing = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-failing.txt"));

        List<String> alerts = SmartAlerts.compare(Optional.empty(), new SmartctlStatus(0b1111000), failing);

        assertThat(alerts).containsExactly(
                "the SMART health status says the disk is FAILING (smartctl status bit 3)",
                "Reallocated_Sector_Ct (5) is at or below its threshold: VALUE 001, THRESH 010, Pre-fail,"
                        + " WHEN_FAILED FAILING_NOW",
                "Reallocated_Sector_Ct (5) is 1876 at the first check",
                "Reallocated_Event_Count (196) failed: VALUE 001, THRESH 001, Old_age, WHEN_FAILED FAILING_NOW",
                "Reallocated_Event_Count (196) is 254 at the first check",
                "Current_Pending_Sector (197) is 3 at the first check",
                "Load_Cycle_Count (225) failed: VALUE 050, THRESH 050, Old_age, WHEN_FAILED FAILING_NOW",
                "Read_Error_Retry_Rate (250) failed: VALUE 090, THRESH 050, Old_age, WHEN_FAILED In_the_past");
        assertThat(SmartAlerts.compare(Optional.of(new Baseline(new SmartctlStatus(0b1111000), failing.attributes())),
                new SmartctlStatus(0b1111000), failing)).as("the same check again").isEmpty();
    }

    @Test
    void realHealthyDisks_raiseNothing() throws IOException {
        for (String name : List.of("smartctl-ata-healthy.txt", "smartctl-ata-healthy-windows.txt",
                "smartctl-ata-brief-format.txt", "smartctl-nvme.txt", "smartctl-nvme-linux.txt")) {
            assertThat(SmartAlerts.compare(Optional.empty(), OK, SmartAttributes.parse(SharedFixtures.text(name))))
                    .as(name).isEmpty();
        }
    }

    @Test
    void healthStatusBit3_firesWhenItAppears() {
        SmartctlStatus failing = new SmartctlStatus(8);
        Attribute temperature = counter("194", 36);

        assertThat(SmartAlerts.compare(before(temperature), failing, attributes(temperature)))
                .containsExactly("the SMART health status says the disk is FAILING (smartctl status bit 3)");
        assertThat(SmartAlerts.compare(Optional.of(new Baseline(failing, List.of(temperature))), new SmartctlStatus(72),
                attributes(temperature))).isEmpty();
        assertThat(SmartAlerts.compare(before(temperature), new SmartctlStatus(64), attributes(temperature))).isEmpty();
    }

    @Test
    void nvmeMediaErrors_fireWhenTheyGrow() {
        String errors = "Media and Data Integrity Errors";

        assertThat(compare(before(nvme(errors, "0")), nvme(errors, "3"))).containsExactly(errors + " grew 0 -> 3");
        assertThat(compare(before(nvme(errors, "3")), nvme(errors, "3"))).isEmpty();
        assertThat(compare(Optional.empty(), nvme(errors, "2"))).containsExactly(errors + " is 2 at the first check");
    }

    @Test
    void nvmeSpare_firesWhenItFallsBelowItsThreshold() {
        Attribute threshold = nvme("Available Spare Threshold", "10");

        assertThat(compare(before(nvme("Available Spare", "10"), threshold), nvme("Available Spare", "10"), threshold))
                .as("at the threshold").isEmpty();
        assertThat(compare(before(nvme("Available Spare", "10"), threshold), nvme("Available Spare", "9"), threshold))
                .containsExactly("Available Spare 9% is below its threshold 10%");
        assertThat(compare(before(nvme("Available Spare", "9"), threshold), nvme("Available Spare", "5"), threshold))
                .as("stays below").isEmpty();
    }

    @Test
    void nvmeCriticalWarning_firesWhenItIsSetOrChanges() {
        String warning = "Critical Warning";

        assertThat(compare(before(nvme(warning, "0x00")), nvme(warning, "0x00"))).isEmpty();
        assertThat(compare(before(nvme(warning, "0x00")), nvme(warning, "0x04")))
                .containsExactly("Critical Warning is 0x04 (was 0x00)");
        assertThat(compare(before(nvme(warning, "0x04")), nvme(warning, "0x04"))).isEmpty();
        assertThat(compare(before(nvme(warning, "0x04")), nvme(warning, "0x05")))
                .containsExactly("Critical Warning is 0x05 (was 0x04)");
        assertThat(compare(before(nvme(warning, "0x04")), nvme(warning, "0x00"))).isEmpty();
        assertThat(compare(Optional.empty(), nvme(warning, "0x01"))).containsExactly("Critical Warning is 0x01");
    }
}
