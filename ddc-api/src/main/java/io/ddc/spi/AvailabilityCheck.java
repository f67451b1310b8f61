package io.ddc.spi;

import io.ddc.Target;
import java.time.Duration;
import java.util.Objects;

/**
 * The quick test done on a target before anything runs there. A target that fails it is UNAVAILABLE
 * for every probe of the iteration, and the runner is not called for it; this spares the seconds a
 * launcher like PsExec needs to notice that a machine is off.
 *
 * <p>Implementations must be thread-safe and return within their own short timeout.
 */
@FunctionalInterface
public interface AvailabilityCheck {
    /**
     * Checks one target.
     *
     * @param target the target
     * @return available, or unavailable with a reason
     * @throws InterruptedException if interrupted while checking
     */
    Availability check(Target target) throws InterruptedException;

    /**
     * Every target is available: the runner finds out itself.
     *
     * @return the check
     */
    static AvailabilityCheck always() {
        return AlwaysAvailable.INSTANCE;
    }

    /**
     * A TCP connection to {@code port} must be accepted within {@code timeout}. A refused
     * connection, a timeout or an unknown host make the target unavailable. The host name is resolved
     * first, outside the timeout, by the system resolver.
     *
     * @param port 1 to 65535, e.g. 445 for Windows file sharing (PsExec), 22 for SSH
     * @param timeout how long to wait for the connection, positive
     * @return the check
     * @throws IllegalArgumentException if the port or timeout is out of range
     */
    static AvailabilityCheck tcp(int port, Duration timeout) {
        return new TcpCheck(port, positive(timeout));
    }

    /**
     * The paper's ping, through {@link java.net.InetAddress#isReachable(int)}. What that really
     * sends depends on the JVM's privileges: an ICMP echo request where the JVM may open raw sockets
     * (Windows, or Linux as root or with {@code CAP_NET_RAW}); otherwise a TCP connection to port 7
     * (echo), which counts as an answer even when refused, and which firewalls often drop, so a live
     * host may look down. Where ICMP is blocked or privileges are missing, prefer {@link #tcp}.
     *
     * @param timeout how long to wait for an answer, positive
     * @return the check
     * @throws IllegalArgumentException if the timeout is not positive
     */
    static AvailabilityCheck icmp(Duration timeout) {
        return new IcmpCheck(positive(timeout));
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("availability check timeout must be positive and under 24 days, got "
                    + timeout);
        }
        return timeout;
    }
}
