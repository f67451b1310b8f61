package io.ddc.examples;

import io.ddc.parsers.ColumnTableParser;
import io.ddc.parsers.KeyValueParser;
import io.ddc.parsers.KeyValues;
import io.ddc.parsers.Row;
import io.ddc.parsers.Table;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code resource-monitor} on Linux: one {@code sh -c} script prints {@code /proc/loadavg},
 * {@code /proc/meminfo}, {@code /proc/uptime}, {@code df -P -k}, {@code who}, {@code /etc/os-release},
 * {@code uname -r} and the processor's model, each after a {@link MarkedOutput} marker; the
 * post-collector reads them back with {@code ddc-parsers}. The script exits with 1 if one of the
 * three {@code /proc} files cannot be read (not Linux). Stateless.
 */
final class LinuxResources {
    /** The probe's script; {@code df} and {@code who} may fail alone without failing the probe. */
    static final String SCRIPT = """
            s=0
            echo '@@ddc loadavg'; cat /proc/loadavg || s=1
            echo '@@ddc meminfo'; cat /proc/meminfo || s=1
            echo '@@ddc uptime'; cat /proc/uptime || s=1
            echo '@@ddc df'; df -P -k
            echo '@@ddc who'; who
            echo '@@ddc os-release'; cat /etc/os-release
            echo '@@ddc kernel'; uname -r
            echo '@@ddc cpu'; grep -m 1 '^model name' /proc/cpuinfo; echo "cpus: $(getconf _NPROCESSORS_ONLN)"
            exit $s
            """;

    private static final KeyValueParser COLON = KeyValueParser.of(':');
    private static final KeyValueParser OS_RELEASE = KeyValueParser.builder().stripQuotes(true).build();
    private static final ColumnTableParser DF = ColumnTableParser.whitespace(6).build();

    private LinuxResources() {}

    /**
     * Reads the script's output.
     *
     * @param output what the script printed
     * @return the sample; the facts that a section does not give are empty
     * @throws IllegalArgumentException if the load, memory or uptime figures are missing or not
     *     numbers, saying which
     */
    static ResourceSample parse(String output) {
        Map<String, String> sections = new HashMap<>();
        MarkedOutput.split(output).forEach(section -> sections.put(section.name(), section.body()));
        String load = firstWord(required(sections, "loadavg"));
        KeyValues memory = COLON.parse(required(sections, "meminfo"));
        String uptime = firstWord(required(sections, "uptime"));
        KeyValues os = OS_RELEASE.parse(sections.getOrDefault("os-release", ""));
        KeyValues cpu = COLON.parse(sections.getOrDefault("cpu", ""));
        return new ResourceSample(
                os.text("PRETTY_NAME").or(() -> os.text("NAME")).orElse(""),
                sections.getOrDefault("kernel", "").strip(),
                cpu.text("model name").orElse(""),
                ResourceSample.number("cpus", cpu.text("cpus").orElse("")),
                ResourceSample.number("MemTotal", memory.text("MemTotal").map(LinuxResources::firstWord).orElse("")),
                ResourceSample.number("load average", load),
                "",
                Long.toString(availableKib(memory)),
                diskFreeKib(sections.getOrDefault("df", "")),
                ResourceSample.number("uptime", uptime).replaceFirst("\\..*", ""),
                users(sections.getOrDefault("who", "")));
    }

    private static String required(Map<String, String> sections, String name) {
        String body = sections.get(name);
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("no " + name + " section in the output");
        }
        return body;
    }

    private static String firstWord(String text) {
        return text.strip().split("\\s+", 2)[0];
    }

    /**
     * MemAvailable (Linux 3.14 and later), or on older kernels the estimate it replaced: MemFree +
     * Buffers + Cached.
     */
    private static long availableKib(KeyValues memory) {
        try {
            if (memory.longValue("MemAvailable").isPresent()) {
                return memory.longValue("MemAvailable").getAsLong();
            }
            long free = memory.longValue("MemFree").orElseThrow(() -> new IllegalArgumentException(
                    "meminfo has neither MemAvailable nor MemFree"));
            return free + memory.longValue("Buffers").orElse(0) + memory.longValue("Cached").orElse(0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Sums the Available column of the file systems on a {@code /dev/} device, each device once (a
     * device mounted twice, or bind-mounted, has the same free space); skips tmpfs and the like.
     */
    static String diskFreeKib(String df) {
        Table table = DF.parse(df);
        if (!table.columns().contains("Available")) {
            return "";
        }
        Map<String, Long> byDevice = new LinkedHashMap<>();
        for (Row row : table.rows()) {
            String device = row.get(0);
            if (row.size() == 6 && device.startsWith("/dev/") && row.get("Available").matches("\\d+")) {
                byDevice.putIfAbsent(device, Long.parseLong(row.get("Available")));
            }
        }
        return byDevice.isEmpty() ? "" : Long.toString(byDevice.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The first word of each line of {@code who}, each user once, in order. */
    private static String users(String who) {
        Set<String> users = new LinkedHashSet<>();
        for (String line : who.lines().toList()) {
            String user = firstWord(line);
            if (!user.isEmpty()) {
                users.add(user);
            }
        }
        return String.join(" ", List.copyOf(users));
    }
}
