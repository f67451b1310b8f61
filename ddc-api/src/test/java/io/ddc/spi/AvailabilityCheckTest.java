package io.ddc.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class AvailabilityCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Target LOOPBACK = Target.of("127.0.0.1");

    private static ServerSocket listenOnLoopback() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return server;
    }

    /** A loopback port that nobody listens on any more. */
    private static int closedPort() throws IOException {
        try (ServerSocket server = listenOnLoopback()) {
            return server.getLocalPort();
        }
    }

    @Test
    void tcp_listeningPort_isAvailable() throws Exception {
        try (ServerSocket server = listenOnLoopback()) {
            AvailabilityCheck check = AvailabilityCheck.tcp(server.getLocalPort(), TIMEOUT);

            assertThat(check.check(LOOPBACK)).isEqualTo(Availability.available());
        }
    }

    @Test
    void tcp_closedPort_isUnavailableBecauseRefused() throws Exception {
        int port = closedPort();

        Availability availability = AvailabilityCheck.tcp(port, TIMEOUT).check(LOOPBACK);

        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.reason()).isEqualTo("TCP port " + port + " refused the connection");
    }

    @Test
    void tcp_unresolvableName_isUnavailable() throws Exception {
        Availability availability = AvailabilityCheck.tcp(445, TIMEOUT).check(Target.of("no-such-host.invalid"));

        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.reason()).isEqualTo("cannot resolve host name no-such-host.invalid");
    }

    @Test
    void tcp_interruptedCaller_getsInterruptedException() throws Exception {
        try (ServerSocket server = listenOnLoopback()) {
            AvailabilityCheck check = AvailabilityCheck.tcp(server.getLocalPort(), TIMEOUT);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> check.check(LOOPBACK))
                        .isInstanceOf(InterruptedException.class)
                        .hasMessage("interrupted while checking 127.0.0.1");
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void tcp_portOutOfRange_isRejected() {
        assertThatThrownBy(() -> AvailabilityCheck.tcp(0, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TCP port must be 1 to 65535, got 0");
        assertThatThrownBy(() -> AvailabilityCheck.tcp(65_536, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TCP port must be 1 to 65535, got 65536");
        assertThatThrownBy(() -> AvailabilityCheck.tcp(-22, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TCP port must be 1 to 65535, got -22");
    }

    @Test
    void tcp_portBounds_areAccepted() {
        assertThat(AvailabilityCheck.tcp(1, TIMEOUT)).hasToString("tcp:1 within 2000 ms");
        assertThat(AvailabilityCheck.tcp(65_535, Duration.ofMillis(100))).hasToString("tcp:65535 within 100 ms");
    }

    @Test
    void tcp_timeoutOutOfRange_isRejected() {
        assertThatThrownBy(() -> AvailabilityCheck.tcp(445, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availability check timeout must be positive and under 24 days, got PT0S");
        assertThatThrownBy(() -> AvailabilityCheck.tcp(445, Duration.ofMillis(-100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availability check timeout must be positive and under 24 days, got PT-0.1S");
        assertThatThrownBy(() -> AvailabilityCheck.tcp(445, Duration.ofDays(25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availability check timeout must be positive and under 24 days, got PT600H");
        assertThatThrownBy(() -> AvailabilityCheck.tcp(445, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
    }

    @Test
    void icmp_timeoutOutOfRange_isRejected() {
        assertThatThrownBy(() -> AvailabilityCheck.icmp(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availability check timeout must be positive and under 24 days, got PT0S");
        assertThatThrownBy(() -> AvailabilityCheck.icmp(Duration.ofDays(25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availability check timeout must be positive and under 24 days, got PT600H");
    }

    @Test
    void icmp_loopback_isAvailable() throws Exception {
        AvailabilityCheck check = AvailabilityCheck.icmp(TIMEOUT);

        assertThat(check.check(LOOPBACK)).isEqualTo(Availability.available());
        assertThat(check).hasToString("icmp within 2000 ms");
    }

    @Test
    void icmp_unresolvableName_isUnavailable() throws Exception {
        Availability availability = AvailabilityCheck.icmp(TIMEOUT).check(Target.of("no-such-host.invalid"));

        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.reason()).isEqualTo("cannot resolve host name no-such-host.invalid");
    }
}
