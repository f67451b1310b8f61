package io.ddc.spi;

import io.ddc.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** The paper's ping, as far as {@link InetAddress#isReachable(int)} can do it; see {@link AvailabilityCheck#icmp}. */
final class IcmpCheck implements AvailabilityCheck {
    private final Duration timeout;

    IcmpCheck(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Availability check(Target target) throws InterruptedException {
        try {
            InetAddress address = InetAddress.getByName(target.name());
            boolean reachable = address.isReachable((int) timeout.toMillis());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pinging " + target);
            }
            return reachable ? Availability.available()
                    : Availability.unavailable("no echo reply within " + timeout.toMillis() + " ms");
        } catch (UnknownHostException e) {
            return Availability.unavailable("cannot resolve host name " + target.name());
        } catch (IOException e) {
            return Availability.unavailable("ping failed: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "icmp within " + timeout.toMillis() + " ms";
    }
}
