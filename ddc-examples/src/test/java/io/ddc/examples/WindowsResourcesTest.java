package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Probe;
import io.ddc.psexec.PsExecRunner;
import org.junit.jupiter.api.Test;

/** The Windows command's output read back, and the command itself. */
final class WindowsResourcesTest {
    static final String HEADER = "\"Os\",\"OsVersion\",\"CpuModel\",\"LogicalCpus\",\"MemoryTotalKiB\","
            + "\"MemoryAvailableKiB\",\"CpuPercent\",\"DiskFreeKiB\",\"UptimeSeconds\",\"Users\"\r\n";
    static final String OUTPUT = HEADER + "\"Microsoft Windows 11 Pro\",\"10.0.22631\",\"Intel(R) Core(TM) i7-10510U"
            + " CPU @ 1.80GHz\",\"8\",\"16522128\",\"7740212\",\"12\",\"312456780\",\"86400\",\"alice bob\"\r\n";

    @Test
    void parse_theCsvRecord() {
        assertThat(WindowsResources.parse(OUTPUT)).isEqualTo(new ResourceSample("Microsoft Windows 11 Pro", "10.0.22631",
                "Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", "8", "16522128", "", "12", "7740212", "312456780", "86400",
                "alice bob"));
    }

    @Test
    void parse_emptyCells_nobodyLoggedOnAndNoLoad() {
        String output = HEADER + "\"Windows Server 2019\",\"10.0.17763\",\"Xeon\",\"2\",\"4193848\",\"1048576\",,"
                + "\"1024\",\"60\",\"\"\r\n";

        ResourceSample sample = WindowsResources.parse(output);

        assertThat(sample.cpuPercent()).isEmpty();
        assertThat(sample.users()).isEmpty();
    }

    @Test
    void damaged_noRecord_missingColumn_notANumber() {
        assertThatThrownBy(() -> WindowsResources.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no CSV record in the output");
        assertThatThrownBy(() -> WindowsResources.parse(HEADER)).hasMessage("no CSV record in the output");
        assertThatThrownBy(() -> WindowsResources.parse("\"Os\",\"OsVersion\"\r\n\"Windows\",\"10.0\"\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no column \"CpuModel\"; the columns are [Os, OsVersion]");
        assertThatThrownBy(() -> WindowsResources.parse(OUTPUT.replace("\"7740212\"", "\"7,5 GB\"")))
                .hasMessage("MemoryAvailableKiB is not a number: \"7,5 GB\"");
    }

    @Test
    void damaged_truncatedRecord_isReadAsFarAsItGoes() {
        String truncated = OUTPUT.substring(0, OUTPUT.indexOf("\"312456780\""));

        ResourceSample sample = WindowsResources.parse(truncated);

        assertThat(sample.cpuPercent()).isEqualTo("12");
        assertThat(sample.diskFreeKib()).isEmpty();
        assertThat(sample.users()).isEmpty();
    }

    @Test
    void command_isOneLine_thatPsExecCanCarry() {
        Probe probe = Probe.builder("resources").command(WindowsResources.command()).build();

        PsExecRunner.builder().build().validate(probe);
        assertThat(probe.command()).startsWith("powershell", "-NoProfile", "-NonInteractive", "-InputFormat", "None",
                "-Command");
        assertThat(WindowsResources.SCRIPT).doesNotContain("\n", "\"")
                .contains("Get-CimInstance Win32_OperatingSystem", "Win32_Processor", "-Filter 'DriveType=3'", "quser",
                        "ConvertTo-Csv -NoTypeInformation")
                .contains(WindowsResources.COLUMNS.stream().map(column -> column + " = ").toList());
    }
}
