package io.ddc.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage examples of the Javadoc and the README, compiled and run; {@code stdout} stands for
 * what a post-collector has in {@code result.stdout().text()}.
 */
final class ExamplesTest {

    @Test
    void meminfo() {
        String stdout = "MemTotal:       16115528 kB\nMemFree:         8577628 kB\nMemAvailable:   11225936 kB\n";

        KeyValues memory = KeyValueParser.of(':').parse(stdout);
        long totalKiB = memory.longValue("MemTotal").orElseThrow();
        long availableKiB = memory.longValue("MemAvailable").orElseThrow();

        assertThat(totalKiB).isEqualTo(16_115_528);
        assertThat(availableKiB).isEqualTo(11_225_936);
    }

    @Test
    void processesAsCsv() {
        String stdout = "\"Name\",\"Id\",\"WorkingSet\"\r\n\"svchost\",\"1204\",\"10240\"\r\n\"my, app\",\"88\",\"2048\"\r\n";
        List<String> printed = new ArrayList<>();

        Table processes = CsvParser.builder().header(true).build().parse(stdout);
        for (Row process : processes.rows()) {
            printed.add(process.get("Name") + " " + process.longValue("WorkingSet").orElse(0));
        }

        assertThat(printed).containsExactly("svchost 10240", "my, app 2048");
    }

    @Test
    void smartAttributes() {
        String stdout = "smartctl 7.4\n\nID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE\n"
                + "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       0\n"
                + "197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       8\n";

        Table attributes = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build().parse(stdout);
        Optional<Row> reallocated = attributes.find("ATTRIBUTE_NAME", "Reallocated_Sector_Ct");
        long pending = attributes.find("ATTRIBUTE_NAME", "Current_Pending_Sector")
                .map(row -> row.longValue("RAW_VALUE").orElse(0)).orElse(0L);

        assertThat(reallocated).map(row -> row.get("THRESH")).hasValue("010");
        assertThat(pending).isEqualTo(8);
    }

    @Test
    void aStoredOutputIsStreamedFromItsFile(@TempDir Path folder) throws IOException {
        Path stored = Files.writeString(folder.resolve("smart.stdout"),
                "ID# ATTRIBUTE_NAME FLAG VALUE WORST THRESH TYPE UPDATED WHEN_FAILED RAW_VALUE\n"
                        + "  9 Power_On_Hours 0x0032 100 100 000 Old_age Always - 252\n");
        long[] hours = {0};

        ColumnTableParser smart = ColumnTableParser.whitespace(10).headerStartsWith("ID#").build();
        // an InputStreamReader replaces malformed bytes; Files.newBufferedReader would throw on them
        try (Reader in = new InputStreamReader(Files.newInputStream(stored), StandardCharsets.UTF_8)) {
            smart.read(in, row -> hours[0] += row.longValue("RAW_VALUE").orElse(0), problem -> System.err.println(problem));
        }

        assertThat(hours[0]).isEqualTo(252);
    }
}
