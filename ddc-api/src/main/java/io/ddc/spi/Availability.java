package io.ddc.spi;

import java.util.Objects;

/** The answer of an {@link AvailabilityCheck}: available, or not with a reason. Immutable. */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "available");

    private final boolean available;
    private final String reason;

    private Availability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /** @return the target is available */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The target is not available.
     *
     * @param reason why, e.g. "no answer on TCP port 445 within 100 ms"
     * @return the answer
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"));
    }

    /** @return true if probes may run on the target */
    public boolean isAvailable() {
        return available;
    }

    /** @return why the target is unavailable ("available" when it is) */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Availability && ((Availability) other).available == available
                && ((Availability) other).reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(available) * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
