package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.testing.SharedFixtures;
import io.ddc.examples.SmartAttributes.Attribute;
import io.ddc.examples.SmartHistory.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SmartHistoryTest {
    private static final Attribute PENDING = new Attribute("197", "Current_Pending_Sector", "Old_age", "100", "100", "000",
            "", "0");
    private static final Attribute TEMPERATURE = new Attribute("194", "Temperature_Celsius", "Old_age", "036", "050",
            "000", "", "36 (Min/Max 20/50)");

    @TempDir
    Path temp;

    @Test
    void fileName_isTheDeviceWithoutDev_inSafeCharacters() {
        assertThat(SmartHistory.fileName("/dev/sda")).isEqualTo("smart-sda.csv");
        assertThat(SmartHistory.fileName("/dev/nvme0")).isEqualTo("smart-nvme0.csv");
        assertThat(SmartHistory.fileName("/dev/bus/0 [megaraid,1]")).isEqualTo("smart-bus_0_megaraid_1.csv");
        assertThat(SmartHistory.fileName("/dev/../x")).isEqualTo("smart-x.csv");
        assertThat(SmartHistory.fileName("/dev/")).isEqualTo("smart-disk.csv");
    }

    @Test
    void append_exactContent_withAnUnreadableCheck() throws IOException {
        Path file = temp.resolve("smart-sda.csv");

        SmartHistory.append(file, 1700000000, new SmartctlStatus(0), List.of(TEMPERATURE, PENDING));
        SmartHistory.append(file, 1700003600, new SmartctlStatus(2), List.of());

        assertThat(file).content(UTF_8).isEqualTo("""
                iteration,time_utc,exit_status,status,id,attribute,type,value,worst,thresh,when_failed,raw_value
                1700000000,2023-11-14T22:13:20Z,0,ok,194,Temperature_Celsius,Old_age,036,050,000,,36 (Min/Max 20/50)
                1700000000,2023-11-14T22:13:20Z,0,ok,197,Current_Pending_Sector,Old_age,100,100,000,,0
                1700003600,2023-11-14T23:13:20Z,2,"bit 1: the device could not be opened, did not identify itself or is in a low-power mode",,,,,,,,
                """);
    }

    @Test
    void restore_givesTheLastStatus_andTheLastAttributesRead() throws IOException {
        Path file = temp.resolve("smart-sda.csv");
        Attribute more = new Attribute("197", "Current_Pending_Sector", "Old_age", "100", "100", "000", "", "8");
        SmartHistory.append(file, 1700000000, new SmartctlStatus(0), List.of(TEMPERATURE, PENDING));
        SmartHistory.append(file, 1700003600, new SmartctlStatus(64), List.of(more));
        SmartHistory.append(file, 1700007200, new SmartctlStatus(2), List.of());

        assertThat(SmartHistory.restore(file)).contains(new Baseline(new SmartctlStatus(2), List.of(more)));
    }

    @Test
    void restore_roundTrip_ofARealTable() throws IOException {
        Path file = temp.resolve("smart-sda.csv");
        List<Attribute> attributes = SmartAttributes.parse(SharedFixtures.text("smartctl-ata-failing.txt")).attributes();

        SmartHistory.append(file, 1700000000, new SmartctlStatus(120), attributes);

        assertThat(SmartHistory.restore(file)).contains(new Baseline(new SmartctlStatus(120), attributes));
    }

    @Test
    void restore_noFile_isEmpty() throws IOException {
        assertThat(SmartHistory.restore(temp.resolve("none.csv"))).isEmpty();
    }

    @Test
    void restore_damagedFile_skipsWhatIsNotAWholeRow() throws IOException {
        Path file = temp.resolve("smart-sda.csv");
        SmartHistory.append(file, 1700000000, new SmartctlStatus(0), List.of(PENDING));
        // a crash in the middle of the next append, and some garbage
        Files.writeString(file, "1700003600,2023-11-14T23:13:20Z,64,bit 6,197,Current_Pen", UTF_8,
                StandardOpenOption.APPEND);

        assertThat(SmartHistory.restore(file)).contains(new Baseline(new SmartctlStatus(0), List.of(PENDING)));

        Files.writeString(file, "\0\0\0\n1,2,999,x,,,,,,,,\n", UTF_8, StandardOpenOption.APPEND);
        assertThat(SmartHistory.restore(file)).contains(new Baseline(new SmartctlStatus(0), List.of(PENDING)));
        Files.writeString(file, "only garbage\n", UTF_8);
        assertThat(SmartHistory.restore(file)).isEmpty();
    }
}
