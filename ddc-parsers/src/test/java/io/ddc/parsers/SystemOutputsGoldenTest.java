package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.SharedFixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real {@code /proc/meminfo}, {@code df -P}, {@code quser} and PowerShell outputs from
 * {@code ../shared/fixtures} (see its SOURCES.md).
 */
final class SystemOutputsGoldenTest {
    private static final KeyValueParser COLON = KeyValueParser.of(':');
    private static final ColumnTableParser QUSER = ColumnTableParser.positional().headerStartsWith("USERNAME")
            .titles("USERNAME", "SESSIONNAME", "ID", "STATE", "IDLE TIME", "LOGON TIME").build();

    @Test
    void meminfo() throws IOException {
        KeyValues memory = COLON.parse(SharedFixtures.text("proc-meminfo.txt"));

        assertThat(memory.longValue("MemTotal")).hasValue(16_115_528);
        assertThat(memory.longValue("MemAvailable")).hasValue(11_225_936);
        assertThat(memory.longValue("VmallocTotal")).hasValue(34_359_738_367L);
        assertThat(memory.longValue("HugePages_Total")).hasValue(0);
        assertThat(memory.text("Active(anon)")).hasValue("3123508 kB");
        assertThat(memory.keys()).hasSize(47).startsWith("MemTotal", "MemFree").endsWith("DirectMap1G");
        assertThat(memory.problems()).isEmpty();
    }

    @Test
    void meminfoOfAnOlderKernel_hasNoMemAvailable() throws IOException {
        KeyValues memory = COLON.parse(SharedFixtures.text("proc-meminfo-no-memavailable.txt"));

        assertThat(memory.text("MemAvailable")).isEmpty();
        assertThat(memory.longValue("MemAvailable")).isEmpty();
        assertThat(memory.longValue("MemFree")).hasValue(225_472);
        assertThat(memory.problems()).isEmpty();
    }

    @Test
    void meminfoOfLinux24_theTableAboveGivesOddButHarmlessKeys() throws IOException {
        KeyValues memory = COLON.parse(SharedFixtures.text("proc-meminfo-legacy-2.4.txt"));

        assertThat(memory.text("total")).hasValue("used:    free:  shared: buffers:  cached:");
        assertThat(memory.text("Mem")).hasValue("260579328 136073216 124506112        0  4915200 94064640");
        assertThat(memory.longValue("Mem")).hasValue(260_579_328);
        assertThat(memory.longValue("MemTotal")).hasValue(254_472);
        assertThat(memory.problems()).isEmpty();
    }

    @Test
    void dfPosix_longDeviceNamesAndTheMountPointColumn() throws IOException {
        Table table = ColumnTableParser.whitespace(6).build().parse(SharedFixtures.text("df-P-k.txt"));

        assertThat(table.columns()).containsExactly("Filesystem", "1024-blocks", "Used", "Available", "Capacity", "Mounted on");
        assertThat(table.rows()).hasSize(10);
        Row home = table.find("Mounted on", "/home").orElseThrow();
        assertThat(home.get("Filesystem")).isEqualTo("/dev/mapper/sys.vg-home.lv");
        assertThat(home.longValue("1024-blocks")).hasValue(97_605_056);
        assertThat(home.longValue("Available")).hasValue(44_041_804);
        assertThat(home.longValue("Capacity")).hasValue(55);
        assertThat(table.find("Mounted on", "/").orElseThrow().get("Filesystem")).isEqualTo("/dev/mapper/sys.vg-root.lv");
        assertThat(table.rows()).extracting(row -> row.get("Mounted on")).contains("/lib/init/rw", "/dev/shm", "/boot");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void quser_theCurrentSessionAndDisconnectedOnesWithoutSessionName() throws IOException {
        Table table = QUSER.parse(SharedFixtures.text("quser-console-active.txt"));

        assertThat(table.rows()).hasSize(3);
        assertThat(table.rows().get(0)).containsExactly(">truth", "console", "1", "Active", "none", "23/07/2024 19:43");
        assertThat(table.rows().get(1)).containsExactly("administrator", "", "2", "Disc", "20:53", "23/07/2024 18:02");
        assertThat(table.rows().get(2)).containsExactly("arbiter", "", "3", "Disc", "20:52", "23/07/2024 18:03");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void quser_aHeaderWithoutLeadingBlankAndA12HourClock() throws IOException {
        Table table = QUSER.parse(SharedFixtures.text("quser-console-only.txt"));

        assertThat(table.rows()).singleElement().isEqualTo(
                List.of(">vertigoray", "console", "1", "Active", "none", "7/13/2018 11:26 AM"));
    }

    @Test
    void quser_anRdpSession() throws IOException {
        Table table = QUSER.parse(SharedFixtures.text("quser-rdp-active.txt"));

        Row session = table.rows().get(0);
        assertThat(session).containsExactly(">linuxfabrik", "rdp-tcp#0", "5", "Active", ".", "05.08.2025 10:58");
        assertThat(session.longValue("ID")).hasValue(5);
    }

    @Test
    void quser_nobodyLoggedOn() throws IOException {
        Table table = QUSER.parse(SharedFixtures.text("quser-no-user.txt"));

        assertThat(table.rows()).isEmpty();
        assertThat(table.problems()).containsExactly(new ParseProblem(1, "no header line starting with \"USERNAME\""));
    }

    @Test
    void powershellFormatList() throws IOException {
        KeyValues os = COLON.parse(SharedFixtures.text("win32-operatingsystem-format-list.txt"));

        assertThat(os.asMap()).containsExactly(java.util.Map.entry("SystemDirectory", "C:\\Windows\\system32"),
                java.util.Map.entry("Organization", ""), java.util.Map.entry("BuildNumber", "17763"),
                java.util.Map.entry("RegisteredUser", "Windows User"),
                java.util.Map.entry("SerialNumber", "00429-90000-00001-AA056"), java.util.Map.entry("Version", "10.0.17763"));
        assertThat(os.problems()).isEmpty();
    }

    @Test
    void powershellAllProperties_cimAndWmi() throws IOException {
        KeyValues cim = COLON.parse(SharedFixtures.text("win32-operatingsystem-cim-all-properties.txt"));
        KeyValues wmi = COLON.parse(SharedFixtures.text("win32-operatingsystem-wmi-all-properties.txt"));

        assertThat(cim.longValue("FreePhysicalMemory")).hasValue(38_708_564);
        assertThat(cim.longValue("TotalVisibleMemorySize")).hasValue(66_273_592);
        assertThat(cim.text("LastBootUpTime")).hasValue("8/4/2023 11:03:21 PM");
        assertThat(cim.text("CimInstanceProperties")).hasValue("{Caption, Description, InstallDate, Name\u2026}");
        assertThat(cim.keys()).hasSize(68);
        assertThat(wmi.text("LastBootUpTime")).hasValue("20230804230321.499708-300");
        assertThat(wmi.longValue("__GENUS")).hasValue(2);
        assertThat(wmi.keys()).hasSize(75);
        assertThat(cim.problems()).isEmpty();
        assertThat(wmi.problems()).isEmpty();
    }
}
