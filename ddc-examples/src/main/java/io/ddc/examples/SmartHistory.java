package io.ddc.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ddc.examples.SmartAttributes.Attribute;
import io.ddc.parsers.CsvParser;
import io.ddc.parsers.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One disk's history, {@code <target>/smart-<disk>.csv}: every check appends one row per attribute
 * (a check that could not read the disk appends one row without attribute), with the columns
 * {@code iteration,time_utc,exit_status,status,id,attribute,type,value,worst,thresh,when_failed,raw_value}.
 * {@code status} says what {@code exit_status} means ({@link SmartctlStatus#meaning()}); the
 * attribute columns are those of {@link Attribute}. {@link #restore} reads the last check back, so
 * that a restarted coordinator compares with it instead of starting from nothing. Stateless.
 */
final class SmartHistory {
    /** The columns. */
    static final List<String> HEADER = List.of("iteration", "time_utc", "exit_status", "status", "id", "attribute",
            "type", "value", "worst", "thresh", "when_failed", "raw_value");

    private static final CsvParser CSV = CsvParser.builder().header(true).build();

    private SmartHistory() {}

    /**
     * What the alert rules compare with: the last check of a disk.
     *
     * @param status the last check's smartctl status
     * @param attributes the attributes of the last check that could read the disk; empty if none
     *     could
     */
    record Baseline(SmartctlStatus status, List<Attribute> attributes) {
        /** Checks and copies the components. */
        Baseline {
            Objects.requireNonNull(status, "status");
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * Names a disk's file.
     *
     * @param disk the disk, such as {@code /dev/sda} or {@code /dev/bus/0 [megaraid,1]}
     * @return {@code smart-sda.csv}, {@code smart-bus_0_megaraid_1.csv}
     */
    static String fileName(String disk) {
        String name = disk.replaceFirst("^/dev/", "").replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.]+|_+$", "");
        return "smart-" + (name.isEmpty() ? "disk" : name) + ".csv";
    }

    /**
     * Appends one check.
     *
     * @param file the disk's file
     * @param iterationId the iteration
     * @param status smartctl's status for the disk
     * @param attributes what it read; empty if nothing
     * @throws IOException if the file cannot be written
     */
    static void append(Path file, long iterationId, SmartctlStatus status, List<Attribute> attributes)
            throws IOException {
        List<String> check = List.of(Long.toString(iterationId), ResourceSample.utc(iterationId),
                Integer.toString(status.code()), status.meaning());
        List<List<String>> rows = new ArrayList<>();
        for (Attribute a : attributes) {
            rows.add(concat(check, List.of(a.id(), a.name(), a.type(), a.value(), a.worst(), a.thresh(),
                    a.whenFailed(), a.raw())));
        }
        if (rows.isEmpty()) {
            rows.add(concat(check, List.of("", "", "", "", "", "", "", "")));
        }
        CsvFile.append(file, HEADER, rows);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * Reads the last check back; rows that are not whole (a damaged file) are skipped.
     *
     * @param file the disk's file
     * @return the last check's status and the last attributes read, or empty if the file does not
     *     exist or holds no whole row
     * @throws IOException if the file exists but cannot be read
     */
    static Optional<Baseline> restore(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        @Nullable SmartctlStatus status = null;
        String group = "";
        List<Attribute> attributes = new ArrayList<>();
        for (Row row : CSV.parse(new String(Files.readAllBytes(file), UTF_8)).rows()) {
            if (row.size() != HEADER.size() || !row.get("exit_status").matches("\\d{1,3}")
                    || Integer.parseInt(row.get("exit_status")) > 255) {
                continue;
            }
            status = new SmartctlStatus(Integer.parseInt(row.get("exit_status")));
            if (row.get("attribute").isEmpty()) {
                continue;
            }
            if (!row.get("iteration").equals(group)) {
                group = row.get("iteration");
                attributes.clear();
            }
            attributes.add(new Attribute(row.get("id"), row.get("attribute"), row.get("type"), row.get("value"),
                    row.get("worst"), row.get("thresh"), row.get("when_failed"), row.get("raw_value")));
        }
        return status == null ? Optional.empty() : Optional.of(new Baseline(status, attributes));
    }
}
