package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.SharedFixtures;
import io.ddc.examples.SmartAttributes.Attribute;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribute tables read from hand-made, real (shared fixtures) and damaged smartctl outputs. */
final class SmartAttributesTest {
    static final String HEADER = "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED"
            + " RAW_VALUE\n";

    /** A {@code smartctl -H -A} output of an ATA disk with a healthy table and these pending sectors. */
    static String ata(long pending) {
        return "smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.1.0-18-amd64] (local build)\n"
                + "Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org\n\n"
                + "=== START OF READ SMART DATA SECTION ===\n"
                + "SMART overall-health self-assessment test result: PASSED\n\n"
                + "SMART Attributes Data Structure revision number: 16\n"
                + "Vendor Specific SMART Attributes with Thresholds:\n" + HEADER
                + "  1 Raw_Read_Error_Rate     0x000f   100   100   006    Pre-fail  Always       -       0\n"
                + "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       0\n"
                + "194 Temperature_Celsius     0x0022   036   050   000    Old_age   Always       -       36 (Min/Max 20/50)\n"
                + "197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       " + pending + "\n"
                + "\n";
    }

    private static Attribute find(SmartAttributes attributes, String key) {
        return attributes.find(key).orElseThrow();
    }

    @Test
    void ata_aHandMadeTable() {
        SmartAttributes attributes = SmartAttributes.parse(ata(8));

        assertThat(attributes.problems()).isEmpty();
        assertThat(attributes.attributes()).containsExactly(
                new Attribute("1", "Raw_Read_Error_Rate", "Pre-fail", "100", "100", "006", "", "0"),
                new Attribute("5", "Reallocated_Sector_Ct", "Pre-fail", "100", "100", "010", "", "0"),
                new Attribute("194", "Temperature_Celsius", "Old_age", "036", "050", "000", "", "36 (Min/Max 20/50)"),
                new Attribute("197", "Current_Pending_Sector", "Old_age", "100", "100", "000", "", "8"));
        Attribute temperature = find(attributes, "194");
        assertThat(temperature.rawNumber()).hasValue(36);
        assertThat(temperature.valueNumber()).hasValue(36);
        assertThat(temperature.label()).isEqualTo("Temperature_Celsius (194)");
        assertThat(temperature.prefail()).isFalse();
        assertThat(find(attributes, "5").prefail()).isTrue();
    }

    @Test
    void realAtaHealthy() throws IOException {
        SmartAttributes attributes = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-healthy.txt"));

        assertThat(attributes.problems()).isEmpty();
        assertThat(attributes.attributes()).hasSize(22).first()
                .isEqualTo(new Attribute("1", "Raw_Read_Error_Rate", "Pre-fail", "082", "066", "044", "", "176373483"));
        assertThat(find(attributes, "5").rawNumber()).hasValue(0);
        assertThat(find(attributes, "197").rawNumber()).hasValue(0);
        assertThat(find(attributes, "240").raw()).isEqualTo("17 (198 87 0)");
    }

    @Test
    void realAtaFailing() throws IOException {
        SmartAttributes attributes = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-failing.txt"));

        assertThat(attributes.attributes()).hasSize(14);
        assertThat(find(attributes, "5")).isEqualTo(new Attribute("5", "Reallocated_Sector_Ct", "Pre-fail", "001",
                "001", "010", "FAILING_NOW", "1876"));
        assertThat(find(attributes, "250").whenFailed()).isEqualTo("In_the_past");
        assertThat(find(attributes, "225").rawNumber()).hasValue(5_110_222_858_734L);
    }

    @Test
    void realAtaPending_andWindows() throws IOException {
        SmartAttributes pending = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-pending.txt"));
        SmartAttributes windows = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-healthy-windows.txt"));

        assertThat(find(pending, "197").rawNumber()).hasValue(661);
        assertThat(find(pending, "198").rawNumber()).hasValue(661);
        assertThat(find(pending, "5").rawNumber()).hasValue(311);
        assertThat(windows.attributes()).hasSize(18);
        assertThat(find(windows, "22").name()).isEqualTo("Helium_Level");
        assertThat(windows.problems()).isEmpty();
    }

    @Test
    void realAtaBriefFormat_flagsGiveTheType_andTheLegendIsNoProblem() throws IOException {
        SmartAttributes attributes = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-brief-format.txt"));

        assertThat(attributes.problems()).isEmpty();
        assertThat(attributes.attributes()).hasSize(19);
        assertThat(find(attributes, "5")).isEqualTo(new Attribute("5", "Reallocated_Sector_Ct", "Pre-fail", "100", "100",
                "005", "", "0"));
        assertThat(find(attributes, "196").type()).isEqualTo("Old_age");
        assertThat(find(attributes, "194").raw()).isEqualTo("24 (Min/Max 15/29)");
    }

    @Test
    void briefFormat_failColumn_isNamedAsInTheStandardLayout() {
        String output = "ID# ATTRIBUTE_NAME          FLAGS    VALUE WORST THRESH FAIL RAW_VALUE\n"
                + "  5 Reallocated_Sector_Ct   PO--CK   001   001   010    NOW  1876\n"
                + "250 Read_Error_Retry_Rate   -O-R--   090   001   050    Past 103\n"
                + "                            ||||||_ K auto-keep\n";

        SmartAttributes attributes = SmartAttributes.parse(output);

        assertThat(attributes.attributes()).extracting(Attribute::whenFailed).containsExactly("FAILING_NOW", "In_the_past");
        assertThat(attributes.problems()).isEmpty();
    }

    @Test
    void realNvme_windowsCrLf_andLinuxGrouping() throws IOException {
        SmartAttributes windows = SmartAttributes.parse(SharedFixtures.text("smartctl-nvme.txt"));
        SmartAttributes linux = SmartAttributes.parse(SharedFixtures.text("smartctl-nvme-linux.txt"));

        assertThat(windows.problems()).isEmpty();
        assertThat(windows.attributes()).hasSize(21).first()
                .isEqualTo(new Attribute("", "Critical Warning", "", "", "", "", "", "0x00"));
        assertThat(find(windows, "Available Spare").raw()).isEqualTo("100");
        assertThat(find(windows, "Available Spare Threshold").raw()).isEqualTo("25");
        assertThat(find(windows, "Data Units Read").raw()).isEqualTo("4830606");
        assertThat(find(windows, "Media and Data Integrity Errors").rawNumber()).hasValue(0);
        assertThat(find(linux, "Power On Hours").rawNumber()).hasValue(5809);
        assertThat(find(linux, "Data Units Written").raw()).isEqualTo("24664736");
        assertThat(find(linux, "Temperature").raw()).isEqualTo("42");
        assertThat(find(linux, "Available Spare").label()).isEqualTo("Available Spare");
    }

    @Test
    void realOutputsOfUnreadableDisks_haveNoAttributes() throws IOException {
        for (String name : List.of("smartctl-error.txt", "smartctl-open-failed.txt", "smartctl-permission-denied.txt",
                "smartctl-usb-identity-failed.txt", "smartctl-usb-unsupported.txt", "smartctl-raid-unsupported.txt")) {
            SmartAttributes attributes = SmartAttributes.parse(SharedFixtures.text(name));

            assertThat(attributes.attributes()).as(name).isEmpty();
            assertThat(attributes.problems()).as(name)
                    .containsExactly("no attribute table (ID# ...) and no SMART/Health Information");
        }
    }

    @Test
    void damaged_truncatedTable_keepsTheWholeRows_andReportsTheCutOne() {
        String output = HEADER + "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       0\n"
                + "197 Current_Pending_Sector  0x0012   100   1";

        SmartAttributes attributes = SmartAttributes.parse(output);

        assertThat(attributes.attributes()).extracting(Attribute::key).containsExactly("5");
        assertThat(attributes.problems()).containsExactly(
                "line 3: not an attribute row: \"197 Current_Pending_Sector 0x0012 100 1\"");
    }

    @Test
    void damaged_nulBytes_countAsBlanks_soTheRowsAreShort_andLeftOut() {
        String output = HEADER + "\0\0\0 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always  -  0\n"
                + "197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       \0\0\n"
                + "198 Offline_Uncorrectable   0x0010   100   100   000    Old_age   Offline      -       0\n";

        SmartAttributes attributes = SmartAttributes.parse(output);

        assertThat(attributes.attributes()).extracting(Attribute::key).containsExactly("198");
        assertThat(attributes.problems()).containsExactly(
                "line 2: not an attribute row: \"Reallocated_Sector_Ct 0x0033 100 100 010 Pre-fail Always - 0\"",
                "line 3: not an attribute row: \"197 Current_Pending_Sector 0x0012 100 100 000 Old_age Always -\"");
    }

    @Test
    void damaged_missingHeader_orAnUnknownLayout() {
        String rows = "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       0\n";

        assertThat(SmartAttributes.parse(rows).attributes()).isEmpty();
        assertThat(SmartAttributes.parse("ID# ATTRIBUTE_NAME VALUE\n" + rows).problems())
                .containsExactly("attribute table with 3 columns, expected 10 (or 8 in the brief format)");
        assertThat(SmartAttributes.parse("").attributes()).isEmpty();
    }

    @Test
    void damaged_nvmeSectionCutShort() {
        SmartAttributes attributes = SmartAttributes.parse("SMART/Health Information (NVMe Log 0x02)\n"
                + "Critical Warning:                   0x00\nAvailable Sp");

        assertThat(attributes.attributes()).extracting(Attribute::name).containsExactly("Critical Warning");
        assertThat(attributes.problems()).containsExactly("line 2: no ':' in \"Available Sp\"");
    }
}
