package io.ddc.examples;

import io.ddc.examples.SmartAttributes.Attribute;
import io.ddc.examples.SmartHistory.Baseline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The alert rules of {@code smart-check}: each compares a disk's check with the one before
 * ({@link Baseline}), and fires once, when its condition appears, not again while it stays:
 *
 * <ul>
 *   <li><b>sectors</b>: the raw value of 5 {@code Reallocated_Sector_Ct}, 196
 *       {@code Reallocated_Event_Count}, 197 {@code Current_Pending_Sector}, 198
 *       {@code Offline_Uncorrectable} or NVMe {@code Media and Data Integrity Errors} grew, or is
 *       above 0 when the disk is first checked;</li>
 *   <li><b>threshold</b>: a pre-fail attribute's normalized VALUE is at or below its THRESH (a
 *       THRESH of 0 means "never fails"), or any attribute has WHEN_FAILED set
 *       ({@code FAILING_NOW}, {@code In_the_past}): smartctl's own verdict;</li>
 *   <li><b>spare</b>: NVMe {@code Available Spare} is below {@code Available Spare Threshold};</li>
 *   <li><b>critical warning</b>: NVMe {@code Critical Warning} is not 0 and differs from before;</li>
 *   <li><b>health</b>: smartctl's status has bit 3, "the SMART health status says the disk is
 *       FAILING".</li>
 * </ul>
 *
 * Stateless.
 */
final class SmartAlerts {
    /** The ATA attributes that count bad sectors, and NVMe's count of unrecovered data errors. */
    static final Set<String> SECTOR_COUNTERS = Set.of("5", "196", "197", "198", "Media and Data Integrity Errors");

    private static final String SPARE = "Available Spare";
    private static final String SPARE_THRESHOLD = "Available Spare Threshold";
    private static final String CRITICAL_WARNING = "Critical Warning";

    private SmartAlerts() {}

    /**
     * Applies the rules.
     *
     * @param before the disk's last check, or empty at its first check
     * @param status this check's smartctl status
     * @param now the attributes this check read
     * @return one message per alert, such as {@code Current_Pending_Sector (197) grew 0 -> 8}; empty if
     *     none fires
     */
    static List<String> compare(Optional<Baseline> before, SmartctlStatus status, SmartAttributes now) {
        List<String> alerts = new ArrayList<>();
        if (status.has(3) && !before.map(last -> last.status().has(3)).orElse(false)) {
            alerts.add("the SMART health status says the disk is FAILING (smartctl status bit 3)");
        }
        SmartAttributes last = new SmartAttributes(before.map(Baseline::attributes).orElse(List.of()), List.of());
        for (Attribute attribute : now.attributes()) {
            Optional<Attribute> previous = last.find(attribute.key());
            if (failing(attribute) && !previous.map(SmartAlerts::failing).orElse(false)) {
                alerts.add(failure(attribute));
            }
            if (SECTOR_COUNTERS.contains(attribute.key())) {
                counter(attribute, previous).ifPresent(alerts::add);
            }
        }
        spare(now).filter(message -> spare(last).isEmpty()).ifPresent(alerts::add);
        criticalWarning(now, last).ifPresent(alerts::add);
        return alerts;
    }

    private static boolean failing(Attribute attribute) {
        return atThreshold(attribute) || !attribute.whenFailed().isEmpty();
    }

    private static boolean atThreshold(Attribute attribute) {
        OptionalLong value = attribute.valueNumber();
        OptionalLong thresh = attribute.threshNumber();
        return attribute.prefail() && value.isPresent() && thresh.isPresent() && thresh.getAsLong() > 0
                && value.getAsLong() <= thresh.getAsLong();
    }

    private static String failure(Attribute a) {
        return a.label() + (atThreshold(a) ? " is at or below its threshold: " : " failed: ") + "VALUE " + a.value()
                + ", THRESH " + a.thresh() + ", " + a.type()
                + (a.whenFailed().isEmpty() ? "" : ", WHEN_FAILED " + a.whenFailed());
    }

    private static Optional<String> counter(Attribute attribute, Optional<Attribute> previous) {
        OptionalLong count = attribute.rawNumber();
        if (count.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong before = previous.map(Attribute::rawNumber).orElse(OptionalLong.empty());
        if (before.isEmpty()) {
            return count.getAsLong() > 0
                    ? Optional.of(attribute.label() + " is " + count.getAsLong() + " at the first check")
                    : Optional.empty();
        }
        return count.getAsLong() > before.getAsLong()
                ? Optional.of(attribute.label() + " grew " + before.getAsLong() + " -> " + count.getAsLong())
                : Optional.empty();
    }

    private static Optional<String> spare(SmartAttributes attributes) {
        OptionalLong spare = raw(attributes, SPARE);
        OptionalLong threshold = raw(attributes, SPARE_THRESHOLD);
        return spare.isPresent() && threshold.isPresent() && spare.getAsLong() < threshold.getAsLong()
                ? Optional.of(SPARE + " " + spare.getAsLong() + "% is below its threshold " + threshold.getAsLong() + "%")
                : Optional.empty();
    }

    private static Optional<String> criticalWarning(SmartAttributes now, SmartAttributes last) {
        OptionalLong warning = raw(now, CRITICAL_WARNING);
        OptionalLong before = raw(last, CRITICAL_WARNING);
        if (warning.isEmpty() || warning.getAsLong() == 0 || before.equals(warning)) {
            return Optional.empty();
        }
        String text = now.find(CRITICAL_WARNING).orElseThrow().raw();
        return Optional.of(CRITICAL_WARNING + " is " + text
                + last.find(CRITICAL_WARNING).map(previous -> " (was " + previous.raw() + ")").orElse(""));
    }

    private static OptionalLong raw(SmartAttributes attributes, String key) {
        return attributes.find(key).map(Attribute::rawNumber).orElse(OptionalLong.empty());
    }
}
