package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.testing.SharedFixtures;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real {@code smartctl} outputs from {@code ../shared/fixtures} (see its SOURCES.md): the ATA
 * attribute table through the column-table parser, NVMe health through the key-value parser.
 */
final class SmartctlGoldenTest {
    private static final ColumnTableParser ATTRIBUTES = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build();
    private static final List<String> TITLES = List.of("ID#", "ATTRIBUTE_NAME", "FLAG", "VALUE", "WORST", "THRESH",
            "TYPE", "UPDATED", "WHEN_FAILED", "RAW_VALUE");

    private static long raw(Table table, String attribute) {
        return table.find("ATTRIBUTE_NAME", attribute).orElseThrow().longValue("RAW_VALUE").orElseThrow();
    }

    @Test
    void healthyAtaDisk_theAttributeTableAndNothingAfterIt() throws IOException {
        Table table = ATTRIBUTES.parse(SharedFixtures.text("smartctl-ata-healthy.txt"));

        assertThat(table.columns()).isEqualTo(TITLES);
        assertThat(table.rows()).hasSize(22);
        assertThat(table.rows()).extracting(row -> row.get("ID#")).startsWith("1", "3", "4").endsWith("241", "242");
        assertThat(table.rows().get(0)).containsExactly("1", "Raw_Read_Error_Rate", "0x000f", "082", "066", "044",
                "Pre-fail", "Always", "-", "176373483");
        assertThat(raw(table, "Reallocated_Sector_Ct")).isZero();
        assertThat(raw(table, "Current_Pending_Sector")).isZero();
        assertThat(raw(table, "Offline_Uncorrectable")).isZero();
        Row airflow = table.find("ATTRIBUTE_NAME", "Airflow_Temperature_Cel").orElseThrow();
        assertThat(airflow.get("RAW_VALUE")).isEqualTo("38 (Min/Max 22/40)");
        assertThat(airflow.longValue("RAW_VALUE")).hasValue(38);
        assertThat(table.find("ATTRIBUTE_NAME", "Head_Flying_Hours").orElseThrow().get("RAW_VALUE")).isEqualTo("17 (198 87 0)");
        assertThat(table.rows()).allSatisfy(row -> assertThat(row.get("WHEN_FAILED")).isEqualTo("-"));
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void healthyAtaDisk_positionalSplitGivesTheSameCells() throws IOException {
        String output = SharedFixtures.text("smartctl-ata-healthy.txt");

        Table positional = ColumnTableParser.positional().headerStartsWith("ID#").build().parse(output);

        assertThat(positional.columns()).isEqualTo(TITLES);
        assertThat(positional.rows()).isEqualTo(ATTRIBUTES.parse(output).rows());
    }

    @Test
    void failingAtaDisk_failingNowAndTheValuesAtOrBelowThreshold() throws IOException {
        Table table = ATTRIBUTES.parse(SharedFixtures.text("smartctl-ata-failing.txt"));

        assertThat(table.rows()).hasSize(14);
        assertThat(table.rows().stream().filter(row -> row.get("WHEN_FAILED").equals("FAILING_NOW"))
                .map(row -> row.get("ATTRIBUTE_NAME")).collect(Collectors.toList()))
                .containsExactly("Reallocated_Sector_Ct", "Reallocated_Event_Count", "Load_Cycle_Count");
        Row reallocated = table.find("ATTRIBUTE_NAME", "Reallocated_Sector_Ct").orElseThrow();
        assertThat(reallocated.longValue("VALUE").orElseThrow()).isLessThanOrEqualTo(reallocated.longValue("THRESH").orElseThrow());
        assertThat(reallocated.get("TYPE")).isEqualTo("Pre-fail");
        assertThat(raw(table, "Reallocated_Sector_Ct")).isEqualTo(1876);
        assertThat(raw(table, "Load_Cycle_Count")).isEqualTo(5_110_222_858_734L);
        assertThat(table.find("ATTRIBUTE_NAME", "Read_Error_Retry_Rate").orElseThrow().get("WHEN_FAILED")).isEqualTo("In_the_past");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void pendingSectors() throws IOException {
        Table table = ATTRIBUTES.parse(SharedFixtures.text("smartctl-ata-pending.txt"));

        assertThat(table.rows()).hasSize(15);
        assertThat(raw(table, "Reallocated_Sector_Ct")).isEqualTo(311);
        assertThat(raw(table, "Current_Pending_Sector")).isEqualTo(661);
        assertThat(raw(table, "Offline_Uncorrectable")).isEqualTo(661);
        assertThat(raw(table, "Seek_Error_Rate")).isEqualTo(13_316_455_154L);
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void healthyAtaDiskOnWindows() throws IOException {
        Table table = ATTRIBUTES.parse(SharedFixtures.text("smartctl-ata-healthy-windows.txt"));

        assertThat(table.rows()).hasSize(18);
        assertThat(table.find("ATTRIBUTE_NAME", "Spin_Up_Time").orElseThrow().get("RAW_VALUE")).isEqualTo("347 (Average 348)");
        assertThat(table.find("ATTRIBUTE_NAME", "Helium_Level").orElseThrow().get("ID#")).isEqualTo("22");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void briefFormat_theLegendBelowTheTableShowsAsShortRows() throws IOException {
        ColumnTableParser brief = ColumnTableParser.whitespace(8).headerStartsWith("ID#").build();

        Table table = brief.parse(SharedFixtures.text("smartctl-ata-brief-format.txt"));

        assertThat(table.columns()).containsExactly("ID#", "ATTRIBUTE_NAME", "FLAGS", "VALUE", "WORST", "THRESH", "FAIL",
                "RAW_VALUE");
        List<Row> attributes = table.rows().stream().filter(row -> row.size() == 8).collect(Collectors.toList());
        assertThat(attributes).hasSize(19);
        assertThat(attributes.get(0)).containsExactly("1", "Raw_Read_Error_Rate", "PO-R--", "100", "100", "062", "-", "0");
        assertThat(table.find("ATTRIBUTE_NAME", "Temperature_Celsius").orElseThrow().get("RAW_VALUE"))
                .isEqualTo("24 (Min/Max 15/29)");
        assertThat(table.rows()).hasSize(25);
        assertThat(table.problems()).hasSize(6).first()
                .isEqualTo(new ParseProblem(47, "row has 3 of 8 columns: \"||||||_ K auto-keep\""));
    }

    @Test
    void outputsWithoutAttributeTable_areReportedAsSuch() throws IOException {
        for (String name : List.of("smartctl-error.txt", "smartctl-open-failed.txt", "smartctl-permission-denied.txt",
                "smartctl-usb-identity-failed.txt", "smartctl-usb-unsupported.txt", "smartctl-raid-unsupported.txt")) {
            Table table = ATTRIBUTES.parse(SharedFixtures.text(name));

            assertThat(table.rows()).as(name).isEmpty();
            assertThat(table.problems()).as(name).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).isEqualTo("no header line starting with \"ID#\""));
        }
    }

    @Test
    void nvmeOnWindows_healthLinesWithCrLf() throws IOException {
        KeyValues health = KeyValueParser.of(':').parse(SharedFixtures.text("smartctl-nvme.txt"));

        assertThat(health.text("Critical Warning")).hasValue("0x00");
        assertThat(health.longValue("Temperature")).hasValue(54);
        assertThat(health.longValue("Available Spare")).hasValue(100);
        assertThat(health.longValue("Available Spare Threshold")).hasValue(25);
        assertThat(health.longValue("Percentage Used")).hasValue(0);
        assertThat(health.longValue("Power On Hours")).hasValue(509);
        assertThat(health.longValue("Media and Data Integrity Errors")).hasValue(0);
        assertThat(health.text("Data Units Read")).hasValue("4,830,606 [2.47 TB]");
        assertThat(health.text("SMART overall-health self-assessment test result")).hasValue("PASSED");
        assertThat(health.text("Local Time is")).hasValue("Mon Jun 26 19:37:33 2023");
        assertThat(health.entries()).hasSize(44).allSatisfy(entry -> assertThat(entry.value()).doesNotContain("\r"));
        // banner, section titles and the power-state table have no ':'
        assertThat(health.problems()).extracting(ParseProblem::line)
                .containsExactly(1L, 2L, 4L, 28L, 29L, 30L, 31L, 32L, 33L, 34L, 36L, 37L, 38L, 40L, 43L, 66L, 67L);
        assertThat(health.problems().get(2).message()).isEqualTo("no ':' in \"=== START OF INFORMATION SECTION ===\"");
    }

    @Test
    void nvmeOnLinux_aNumberWithGroupingIsRefusedClearly() throws IOException {
        KeyValues health = KeyValueParser.of(':').parse(SharedFixtures.text("smartctl-nvme-linux.txt"));

        assertThat(health.longValue("Percentage Used")).hasValue(28);
        assertThat(health.longValue("Temperature")).hasValue(42);
        assertThat(health.text("Power On Hours")).hasValue("5.809");
        assertThatThrownBy(() -> health.longValue("Power On Hours")).isInstanceOf(NumberFormatException.class)
                .hasMessage("value of \"Power On Hours\" on line 53 does not start with a whole number: \"5.809\"");
        assertThat(health.entries()).hasSize(42);
        assertThat(health.problems()).hasSize(19);
    }

    @Test
    void aStoredOutputStreamsLikeTheString() throws IOException {
        byte[] bytes = SharedFixtures.bytes("smartctl-ata-failing.txt");
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();

        long count = ATTRIBUTES.read(new StringReader(text), rows::add, problem -> { });

        assertThat(count).isEqualTo(14);
        assertThat(rows).isEqualTo(ATTRIBUTES.parse(bytes, StandardCharsets.UTF_8).rows());
    }
}
