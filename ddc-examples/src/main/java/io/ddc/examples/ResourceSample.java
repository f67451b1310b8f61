package io.ddc.examples;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one execution of {@code resource-monitor}'s probe tells about a machine, as the text of CSV
 * cells; an empty cell is a figure the machine did not give. Immutable.
 *
 * @param os the operating system's name, such as {@code Debian GNU/Linux 12 (bookworm)} or
 *     {@code Microsoft Windows 11 Pro}
 * @param osVersion the kernel release on Linux, the version on Windows ({@code 10.0.22631})
 * @param cpuModel the first processor's model name
 * @param logicalCpus the number of logical processors
 * @param memoryTotalKib the memory the system can use, in KiB
 * @param load1m Linux: the load average over the last minute; empty on Windows
 * @param cpuPercent Windows: the processors' load in percent, averaged over the processors; empty
 *     on Linux, which has no such instant figure without sampling twice
 * @param memoryAvailableKib the memory available to new programs, in KiB
 * @param diskFreeKib the free space of the local disks, in KiB: Windows' fixed drives, Linux's file
 *     systems on a {@code /dev/} device (each device once)
 * @param uptimeSeconds whole seconds since the machine started
 * @param users the distinct logged-on users, separated by one space; empty if nobody is logged on
 */
record ResourceSample(String os, String osVersion, String cpuModel, String logicalCpus, String memoryTotalKib,
        String load1m, String cpuPercent, String memoryAvailableKib, String diskFreeKib, String uptimeSeconds,
        String users) {

    /** The columns of {@code resource-facts.csv}: what rarely changes. */
    static final List<String> FACTS_HEADER = List.of("iteration", "time_utc", "os", "os_version", "cpu_model",
            "logical_cpus", "memory_total_kib");
    /** The columns of {@code resource-monitor.csv}: one row per iteration. */
    static final List<String> FIGURES_HEADER = List.of("iteration", "time_utc", "load_1m", "cpu_percent",
            "memory_available_kib", "disk_free_kib", "uptime_s", "users");

    /** Checks the components. */
    ResourceSample {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(logicalCpus, "logicalCpus");
        Objects.requireNonNull(memoryTotalKib, "memoryTotalKib");
        Objects.requireNonNull(load1m, "load1m");
        Objects.requireNonNull(cpuPercent, "cpuPercent");
        Objects.requireNonNull(memoryAvailableKib, "memoryAvailableKib");
        Objects.requireNonNull(diskFreeKib, "diskFreeKib");
        Objects.requireNonNull(uptimeSeconds, "uptimeSeconds");
        Objects.requireNonNull(users, "users");
    }

    /** @return the facts, in the order of {@link #FACTS_HEADER} after iteration and time */
    List<String> facts() {
        return List.of(os, osVersion, cpuModel, logicalCpus, memoryTotalKib);
    }

    /**
     * Returns the row of {@code resource-facts.csv}.
     *
     * @param iterationId the iteration that found these facts
     * @return the cells of {@link #FACTS_HEADER}
     */
    List<String> factsRow(long iterationId) {
        return List.of(Long.toString(iterationId), utc(iterationId), os, osVersion, cpuModel, logicalCpus,
                memoryTotalKib);
    }

    /**
     * Returns the row of {@code resource-monitor.csv}.
     *
     * @param iterationId the iteration
     * @return the cells of {@link #FIGURES_HEADER}
     */
    List<String> figuresRow(long iterationId) {
        return List.of(Long.toString(iterationId), utc(iterationId), load1m, cpuPercent, memoryAvailableKib,
                diskFreeKib, uptimeSeconds, users);
    }

    /** The iteration id is the UTC epoch second at which the iteration started. */
    static String utc(long iterationId) {
        return Instant.ofEpochSecond(iterationId).toString();
    }

    /**
     * Checks that a figure is a number, as a plain decimal without exponent.
     *
     * @param what names the figure for the message
     * @param text the figure, or empty
     * @return the figure, stripped
     * @throws IllegalArgumentException if it is neither empty nor a number
     */
    static String number(String what, String text) {
        String figure = text.strip();
        if (!figure.isEmpty() && !figure.matches("-?\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException(what + " is not a number: \"" + shorten(figure) + "\"");
        }
        return figure;
    }

    /** @return the text cut to 100 characters, control characters as {@code ?}, for messages */
    static String shorten(String text) {
        String cut = text.length() <= 100 ? text : text.substring(0, 100) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
