package io.ddc.examples;

import io.ddc.parsers.ColumnTableParser;
import io.ddc.parsers.KeyValue;
import io.ddc.parsers.KeyValueParser;
import io.ddc.parsers.KeyValues;
import io.ddc.parsers.ParseProblem;
import io.ddc.parsers.Row;
import io.ddc.parsers.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SMART attributes of one disk, read from what {@code smartctl -A} (or {@code -a}, {@code -x})
 * printed for it:
 *
 * <ul>
 *   <li>ATA: the table under {@code ID# ATTRIBUTE_NAME FLAG VALUE WORST THRESH TYPE UPDATED
 *       WHEN_FAILED RAW_VALUE}, or the brief layout of {@code -f brief} / {@code -x}
 *       ({@code ID# ATTRIBUTE_NAME FLAGS VALUE WORST THRESH FAIL RAW_VALUE}, pre-fail when FLAGS
 *       starts with {@code P}), read with {@link ColumnTableParser};</li>
 *   <li>NVMe: the {@code key: value} lines under {@code SMART/Health Information}, read with
 *       {@link KeyValueParser}; numbers lose smartctl's digit grouping ({@code 29.426.647} or
 *       {@code 4,830,606}) and units.</li>
 * </ul>
 *
 * <p>A damaged output gives what can be read of it: a row cut short or holding other than numbers
 * is left out and reported in {@link #problems()}; no table at all gives no attributes. Immutable.
 *
 * @param attributes in output order
 * @param problems what was left out, and why
 */
record SmartAttributes(List<Attribute> attributes, List<String> problems) {
    private static final String NVME_SECTION = "SMART/Health Information";
    private static final KeyValueParser NVME = KeyValueParser.of(':');

    /** Copies the lists. */
    SmartAttributes {
        attributes = List.copyOf(attributes);
        problems = List.copyOf(problems);
    }

    /**
     * One attribute, as text, so that it goes to a CSV file and comes back unchanged.
     *
     * @param id the ATA attribute number ({@code "5"}); empty for NVMe
     * @param name {@code Reallocated_Sector_Ct}, or the NVMe key ({@code Available Spare})
     * @param type {@code Pre-fail} or {@code Old_age}; empty for NVMe
     * @param value the normalized value ({@code "100"}); empty for NVMe
     * @param worst the worst normalized value; empty for NVMe
     * @param thresh the threshold of the normalized value; empty for NVMe
     * @param whenFailed {@code FAILING_NOW}, {@code In_the_past}, or empty when never
     * @param raw the raw value as smartctl printed it ({@code "38 (Min/Max 22/40)"}); for NVMe the
     *     number without grouping or unit ({@code "100"}, {@code "0x04"})
     */
    record Attribute(String id, String name, String type, String value, String worst, String thresh,
            String whenFailed, String raw) {
        /** Checks the components. */
        Attribute {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(worst, "worst");
            Objects.requireNonNull(thresh, "thresh");
            Objects.requireNonNull(whenFailed, "whenFailed");
            Objects.requireNonNull(raw, "raw");
        }

        /** @return the ATA number, or for NVMe the name: what identifies the attribute on its disk */
        String key() {
            return id.isEmpty() ? name : id;
        }

        /** @return {@code Current_Pending_Sector (197)}, or the NVMe name */
        String label() {
            return id.isEmpty() ? name : name + " (" + id + ")";
        }

        /** @return true if a pre-fail attribute: its failure predicts the disk's */
        boolean prefail() {
            return type.equals("Pre-fail");
        }

        /** @return the raw value's leading whole number ({@code 0x} for hexadecimal), if it has one */
        OptionalLong rawNumber() {
            return number(raw);
        }

        /** @return the normalized value, if a number */
        OptionalLong valueNumber() {
            return number(value);
        }

        /** @return the threshold, if a number */
        OptionalLong threshNumber() {
            return number(thresh);
        }
    }

    /**
     * Reads one disk's output.
     *
     * @param output what smartctl printed for the disk
     * @return its attributes, ATA or NVMe; none if the output has neither table
     */
    static SmartAttributes parse(String output) {
        Optional<String> header = output.lines().map(String::strip).filter(line -> line.startsWith("ID#")).findFirst();
        if (header.isPresent()) {
            return ata(output, header.get().split("\\s+").length);
        }
        int section = output.indexOf(NVME_SECTION);
        if (section >= 0) {
            return nvme(output.substring(section));
        }
        return new SmartAttributes(List.of(), List.of("no attribute table (ID# ...) and no " + NVME_SECTION));
    }

    private static SmartAttributes ata(String output, int columns) {
        boolean brief = columns == 8;
        if (columns != 10 && !brief) {
            return new SmartAttributes(List.of(), List.of("attribute table with " + columns
                    + " columns, expected 10 (or 8 in the brief format)"));
        }
        Table table = ColumnTableParser.whitespace(columns).headerStartsWith("ID#").build().parse(output);
        List<Attribute> attributes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Row row : table.rows()) {
            boolean numbers = row.size() == columns && row.get("ID#").matches("\\d{1,3}")
                    && row.get("VALUE").matches("\\d+") && row.get("THRESH").matches("\\d+");
            if (!numbers) {
                // the brief format's legend follows the table without a blank line
                if (!(brief && row.get(0).startsWith("|"))) {
                    problems.add("line " + row.line() + ": not an attribute row: \""
                            + ResourceSample.shorten(String.join(" ", row)) + "\"");
                }
                continue;
            }
            attributes.add(brief
                    ? new Attribute(row.get("ID#"), row.get("ATTRIBUTE_NAME"),
                            row.get("FLAGS").startsWith("P") ? "Pre-fail" : "Old_age", row.get("VALUE"),
                            row.get("WORST"), row.get("THRESH"), whenFailed(row.get("FAIL")), row.get("RAW_VALUE"))
                    : new Attribute(row.get("ID#"), row.get("ATTRIBUTE_NAME"), row.get("TYPE"), row.get("VALUE"),
                            row.get("WORST"), row.get("THRESH"), whenFailed(row.get("WHEN_FAILED")),
                            row.get("RAW_VALUE")));
        }
        return new SmartAttributes(attributes, problems);
    }

    /** {@code -} is never; the brief format says {@code NOW} and {@code Past}. */
    private static String whenFailed(String cell) {
        return switch (cell) {
            case "-" -> "";
            case "NOW" -> "FAILING_NOW";
            case "Past" -> "In_the_past";
            default -> cell;
        };
    }

    /** The lines after the section's title, up to the first blank line. */
    private static SmartAttributes nvme(String section) {
        List<String> lines = section.lines().skip(1).takeWhile(line -> !line.isBlank()).toList();
        KeyValues health = NVME.parse(String.join("\n", lines));
        List<Attribute> attributes = new ArrayList<>();
        for (KeyValue entry : health.entries()) {
            attributes.add(new Attribute("", entry.key(), "", "", "", "", "", nvmeNumber(entry.value())));
        }
        return new SmartAttributes(attributes, health.problems().stream().map(ParseProblem::toString).toList());
    }

    /** {@code "29.426.647 [15,0 TB]"} gives {@code 29426647}, {@code "100%"} 100, {@code "0x04"} itself. */
    private static String nvmeNumber(String value) {
        String word = value.strip().split("\\s+", 2)[0];
        if (word.matches("0x[0-9a-fA-F]+")) {
            return word;
        }
        String digits = word.replaceAll("[.,'%]", "");
        return digits.matches("\\d+") ? digits : value.strip();
    }

    private static OptionalLong number(String text) {
        String word = text.strip().split("\\s+", 2)[0];
        try {
            if (word.startsWith("0x")) {
                return OptionalLong.of(Long.parseLong(word.substring(2), 16));
            }
            int end = 0;
            while (end < word.length() && Character.isDigit(word.charAt(end)) && word.charAt(end) < 128) {
                end++;
            }
            return end == 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(word.substring(0, end)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Finds an attribute.
     *
     * @param key the ATA number ({@code "197"}) or the NVMe name
     * @return the first attribute with that {@link Attribute#key()}
     */
    Optional<Attribute> find(String key) {
        return attributes.stream().filter(attribute -> attribute.key().equals(key)).findFirst();
    }
}
