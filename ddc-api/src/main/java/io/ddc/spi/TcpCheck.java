package io.ddc.spi;

import io.ddc.Target;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Available when a TCP connection to a port is accepted in time. */
final class TcpCheck implements AvailabilityCheck {
    private final int port;
    private final Duration timeout;

    TcpCheck(int port, Duration timeout) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("TCP port must be 1 to 65535, got " + port);
        }
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public Availability check(Target target) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(target.name(), port);
        if (address.isUnresolved()) {
            return Availability.unavailable("cannot resolve host name " + target.name());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            return Availability.available();
        } catch (SocketTimeoutException e) {
            return Availability.unavailable("no answer on TCP port " + port + " within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return Availability.unavailable("TCP port " + port + " refused the connection");
        } catch (NoRouteToHostException e) {
            return Availability.unavailable("no route to host (TCP port " + port + ")");
        } catch (IOException e) {
            return Availability.unavailable("TCP port " + port + ": " + e.getMessage());
        } finally {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while checking " + target);
            }
        }
    }

    @Override
    public String toString() {
        return "tcp:" + port + " within " + timeout.toMillis() + " ms";
    }
}
