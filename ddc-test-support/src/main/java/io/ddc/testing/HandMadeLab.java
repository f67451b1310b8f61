package io.ddc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment folder written by hand, whose report figures were worked out by hand: the trace
 * files of two probes over four targets on 1 July 2024.
 */
public final class HandMadeLab {
    /** Probe cpu: 4 iterations at 08:00, 08:30, 11:00 and 22:00 UTC on 1 July 2024, over m1, m2, m10. */
    public static final List<String> CPU = List.of(
            "1719820800|2|1|0|66.7|12.5|m1,m2,|m10,| |",
            "1719822600|1|0|2|33.3|30.0|m1,| |m2,m10,|",
            "1719831600|3|0|0|100.0|8.0|m1,m2,m10,| | |",
            "1719871200|0|1|2|0.0|4.4| |m1,|m2,m10,|");
    /**
     * Probe disk.free-1: no line at 11:00; m3 appears once; at 08:00 it finds m10 unavailable where
     * cpu had it fail, so for all probes together m10 was available then.
     */
    public static final List<String> DISK = List.of(
            "1719820800|1|1|1|33.3|2.0|m1,|m2,|m10,|",
            "1719822600|0|1|2|0.0|1.0| |m1,|m2,m10,|",
            "1719871200|2|0|2|50.0|0.5|m1,m3,| |m2,m10,|");

    private HandMadeLab() {}

    /**
     * Writes the two probes' trace files into a new folder.
     *
     * @param parent where the folder is made
     * @param name its name
     * @return the folder
     * @throws IOException if it cannot be written
     */
    public static Path folder(Path parent, String name) throws IOException {
        Path folder = Files.createDirectory(parent.resolve(name));
        write(folder.resolve("cpu.trace"), CPU);
        write(folder.resolve("disk.free-1.trace"), DISK);
        return folder;
    }

    /** Writes lines, each ended by a line feed. */
    public static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
