package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.launcher.Cli;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's TCP port: open where it listens, refused elsewhere, gone after close. */
final class LoopbackListenerTest {

    @Test
    void port_isOpenOnTheListenedAddresses_andRefusedOnTheOthers() throws IOException {
        try (LoopbackListener listener = LoopbackListener.open(List.of("127.0.0.1", "127.0.0.2"))) {
            connect("127.0.0.1", listener.port());
            connect("127.0.0.2", listener.port());
            assertThatThrownBy(() -> connect("127.0.0.3", listener.port())).isInstanceOf(ConnectException.class);
            assertThat(listener.thread().getName()).isEqualTo("ddc-demo-tcp-listener");
            assertThat(listener.thread().isDaemon()).isTrue();
        }
    }

    @Test
    void close_endsTheThread_andClosesThePort() throws IOException {
        LoopbackListener listener = LoopbackListener.open(List.of("127.0.0.1"));
        connect("127.0.0.1", listener.port());

        listener.close();

        assertThat(listener.thread().isAlive()).isFalse();
        assertThatThrownBy(() -> connect("127.0.0.1", listener.port())).isInstanceOf(ConnectException.class);
    }

    @Test
    void open_withoutAddress_isRefused() {
        assertThatThrownBy(() -> LoopbackListener.open(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give at least one address to listen on");
    }

    @Test
    void open_onAnAddressThatIsNotLocal_namesIt() throws InterruptedException {
        // 192.0.2.1 (TEST-NET-1) is never assigned to a local interface
        assertThatThrownBy(() -> LoopbackListener.open(List.of("127.0.0.1", "192.0.2.1")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot listen on one TCP port on all of [127.0.0.1, 192.0.2.1] (5 ports tried):"
                        + " 192.0.2.1:");
        assertThat(Cli.demoThreads()).isEmpty();
    }

    private static void connect(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
        }
    }
}
