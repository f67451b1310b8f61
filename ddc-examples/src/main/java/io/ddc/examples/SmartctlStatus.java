package io.ddc.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A {@code smartctl} exit status, decoded. It is a bit mask (smartmontools' {@code smartctl.h}):
 * bits 0 to 2 say that smartctl could not read the disk, bits 3 to 7 describe a disk that it did
 * read. So a readable disk with logged errors exits non-zero, and is not a failure of the probe:
 * {@link #SUCCEEDED_CODES} are the statuses without bits 0 to 2.
 *
 * <p>127 and 126 are the shell's "command not found" and "not executable", which smartctl itself
 * never returns (bit 0 ends it before bits 1 to 6 could be set). Immutable.
 *
 * @param code the exit status, 0 to 255
 */
record SmartctlStatus(int code) {
    /** Every status that has none of bits 0 to 2: the disk was read. */
    static final int[] SUCCEEDED_CODES = IntStream.range(0, 256).filter(code -> (code & 0b111) == 0).toArray();

    private static final String[] BITS = {
        "the command line did not parse",
        "the device could not be opened, did not identify itself or is in a low-power mode",
        "a command to the disk failed, or a SMART data structure has a checksum error",
        "the SMART health status says the disk is FAILING",
        "some pre-fail attributes are at or below their thresholds",
        "some attributes were at or below their thresholds in the past",
        "the device error log has errors",
        "the self-test log has errors",
    };

    /**
     * Checks the status.
     *
     * @throws IllegalArgumentException if it is not 0 to 255
     */
    SmartctlStatus {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("a smartctl exit status is 0 to 255, got " + code);
        }
    }

    /** @return true if smartctl read the disk: none of bits 0 to 2, and not 126 or 127 */
    boolean readable() {
        return (code & 0b111) == 0;
    }

    /**
     * Tells whether a bit is set.
     *
     * @param bit 0 to 7
     * @return true if set
     */
    boolean has(int bit) {
        return (code & (1 << bit)) != 0;
    }

    /**
     * Says what the status means.
     *
     * @return {@code "ok"}, {@code "smartctl not found"}, or what each bit set means, separated by
     *     {@code "; "}, such as {@code "bit 6: the device error log has errors"}
     */
    String meaning() {
        if (code == 0) {
            return "ok";
        }
        if (code == 127) {
            return "smartctl not found";
        }
        if (code == 126) {
            return "smartctl cannot be run: not executable";
        }
        List<String> parts = new ArrayList<>();
        for (int bit = 0; bit < BITS.length; bit++) {
            if (has(bit)) {
                parts.add("bit " + bit + ": " + BITS[bit]);
            }
        }
        return String.join("; ", parts);
    }

    /** @return the status and its {@link #meaning()}, such as {@code "64 (bit 6: the device error log has errors)"} */
    String describe() {
        return code + " (" + meaning() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
