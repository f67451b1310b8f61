package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.testing.SharedFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The Linux script's output read back: hand-made outputs, real captures, damaged outputs. */
final class LinuxResourcesTest {
    static final String LOADAVG = "0.52 0.58 0.59 2/412 31337\n";
    static final String MEMINFO = "MemTotal:       16115528 kB\nMemFree:         8577628 kB\n"
            + "MemAvailable:   11225936 kB\nBuffers:          207516 kB\nCached:          3791568 kB\n";
    static final String UPTIME = "350735.47 234388.90\n";
    static final String DF = """
            Filesystem     1024-blocks      Used Available Capacity Mounted on
            udev               8033116         0   8033116       0% /dev
            tmpfs              1611556      2036   1609520       1% /run
            /dev/nvme0n1p2   490617784 211395420 254227420      46% /
            /dev/nvme0n1p2   490617784 211395420 254227420      46% /var/snap
            /dev/nvme0n1p1      523248      6220    517028       2% /boot/efi
            """;
    static final String WHO = "alice    tty2         2024-05-02 08:01 (tty2)\nbob      pts/0        2024-05-02 09:12"
            + " (10.0.0.7)\nalice    pts/1        2024-05-02 09:30 (10.0.0.9)\n";
    static final String OS_RELEASE = "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n";
    static final String CPU = "model name\t: Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz\ncpus: 8\n";

    /** What the script prints with these sections. */
    static String output(String loadavg, String meminfo, String uptime, String df, String who) {
        return "@@ddc loadavg\n" + loadavg + "@@ddc meminfo\n" + meminfo + "@@ddc uptime\n" + uptime + "@@ddc df\n" + df
                + "@@ddc who\n" + who + "@@ddc os-release\n" + OS_RELEASE + "@@ddc kernel\n5.15.0-105-generic\n"
                + "@@ddc cpu\n" + CPU;
    }

    @Test
    void parse_aWholeOutput() {
        ResourceSample sample = LinuxResources.parse(output(LOADAVG, MEMINFO, UPTIME, DF, WHO));

        assertThat(sample).isEqualTo(new ResourceSample("Ubuntu 22.04.4 LTS", "5.15.0-105-generic",
                "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz", "8", "16115528", "0.52", "", "11225936",
                Long.toString(254227420 + 517028), "350735", "alice bob"));
    }

    @Test
    void parse_nobodyLoggedOn_andNoOptionalSections() {
        String output = "@@ddc loadavg\n" + LOADAVG + "@@ddc meminfo\n" + MEMINFO + "@@ddc uptime\n" + UPTIME;

        ResourceSample sample = LinuxResources.parse(output);

        assertThat(sample).isEqualTo(new ResourceSample("", "", "", "", "16115528", "0.52", "", "11225936", "", "350735",
                ""));
    }

    @Test
    void parse_withoutMemAvailable_estimatesItAsFreePlusBuffersPlusCached() {
        String meminfo = "MemTotal: 3742148 kB\nMemFree: 225472 kB\nBuffers: 22040 kB\nCached: 930888 kB\n";

        ResourceSample sample = LinuxResources.parse(output(LOADAVG, meminfo, UPTIME, DF, WHO));

        assertThat(sample.memoryAvailableKib()).isEqualTo(Long.toString(225472 + 22040 + 930888));
    }

    @Test
    void realCaptures_procAndDf() throws IOException {
        String df = SharedFixtures.text("df-P-k.txt");

        ResourceSample sample = LinuxResources.parse(output(SharedFixtures.text("proc-loadavg.txt"),
                SharedFixtures.text("proc-meminfo.txt"), UPTIME, df, ""));

        assertThat(sample.load1m()).isEqualTo("0.21");
        assertThat(sample.memoryTotalKib()).isEqualTo("16115528");
        assertThat(sample.memoryAvailableKib()).isEqualTo("11225936");
        // the /dev/ file systems (LVM volumes and /dev/md0), not tmpfs nor udev
        assertThat(sample.diskFreeKib()).isEqualTo(Long.toString(4182924L + 44041804 + 44041805 + 1774976 + 12767696
                + 14810212 + 875312));
    }

    @Test
    void realCaptures_olderMeminfos() throws IOException {
        String noAvailable = SharedFixtures.text("proc-meminfo-no-memavailable.txt");
        String legacy = SharedFixtures.text("proc-meminfo-legacy-2.4.txt");

        assertThat(LinuxResources.parse(output(LOADAVG, noAvailable, UPTIME, DF, "")).memoryTotalKib())
                .isEqualTo("3742148");
        assertThat(LinuxResources.parse(output(LOADAVG, noAvailable, UPTIME, DF, "")).memoryAvailableKib())
                .isEqualTo(Long.toString(225472 + 22040 + 930888));
        // the 2.4 table before the key: value lines does not get in the way
        assertThat(LinuxResources.parse(output(LOADAVG, legacy, UPTIME, DF, "")).memoryTotalKib()).isEqualTo("254472");
        assertThat(LinuxResources.parse(output(LOADAVG, legacy, UPTIME, DF, "")).memoryAvailableKib())
                .isEqualTo("210156");
    }

    @Test
    void damaged_aMissingSection_isNamed() {
        String output = "@@ddc loadavg\n" + LOADAVG + "@@ddc uptime\n" + UPTIME;

        assertThatThrownBy(() -> LinuxResources.parse(output)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no meminfo section in the output");
        assertThatThrownBy(() -> LinuxResources.parse("")).hasMessage("no loadavg section in the output");
    }

    @Test
    void damaged_nulBytes_areNotANumber() {
        assertThatThrownBy(() -> LinuxResources.parse(output("\0\0\0\0 0.5\n", MEMINFO, UPTIME, DF, WHO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load average is not a number: \"????\"");
    }

    @Test
    void damaged_outputCutShortInMeminfo() {
        String output = "@@ddc loadavg\n" + LOADAVG + "@@ddc uptime\n" + UPTIME + "@@ddc meminfo\nMemTotal:  16115528 kB\nMemF";

        assertThatThrownBy(() -> LinuxResources.parse(output)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meminfo has neither MemAvailable nor MemFree");
    }

    @Test
    void damaged_meminfoValueNotANumber() {
        assertThatThrownBy(() -> LinuxResources.parse(output(LOADAVG, "MemAvailable: lots\n", UPTIME, DF, WHO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of \"MemAvailable\" on line 1 does not start with a whole number: \"lots\"");
    }

    @Test
    void diskFree_damagedDf_keepsTheWholeRows() {
        String df = "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 100 50 50 50% /\n"
                + "/dev/sdb1 100 50\n/dev/sdc1 100 50 n/a 50% /x\n";

        assertThat(LinuxResources.diskFreeKib(df)).isEqualTo("50");
        assertThat(LinuxResources.diskFreeKib("")).isEmpty();
        assertThat(LinuxResources.diskFreeKib("df: cannot read table of mounted file systems\n")).isEmpty();
    }
}
