package io.ddc.examples;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One TCP port, open on a few loopback addresses and left closed on the others, so that a
 * {@linkplain io.ddc.spi.AvailabilityCheck#tcp TCP availability check} finds those targets up and
 * the rest refused. One daemon thread accepts the checks' connections on every address and closes
 * them at once; {@link #close()} stops and joins it. Thread-safe.
 */
public final class LoopbackListener implements AutoCloseable {
    /** The name of the accepting thread. */
    public static final String THREAD_NAME = "ddc-demo-tcp-listener";
    /** Another program may hold the port on a later address: try this many ports. */
    private static final int ATTEMPTS = 5;

    private final List<ServerSocketChannel> channels;
    private final Selector selector;
    private final int port;
    private final Thread acceptor;
    private volatile boolean closing;

    private LoopbackListener(List<ServerSocketChannel> channels, Selector selector, int port) {
        this.channels = List.copyOf(channels);
        this.selector = selector;
        this.port = port;
        this.acceptor = new Thread(this::acceptUntilClosed, THREAD_NAME);
        acceptor.setDaemon(true);
    }

    /**
     * Listens on one port, chosen by the system, on every address.
     *
     * @param addresses loopback addresses such as {@code 127.0.0.1}, at least one
     * @return the running listener
     * @throws IOException naming the address, if no common port could be bound on all of them
     */
    static LoopbackListener open(List<String> addresses) throws IOException {
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("give at least one address to listen on");
        }
        BindException lastFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ServerSocketChannel> bound = new ArrayList<>();
            try {
                int port = bind(bound, addresses.get(0), 0);
                for (String address : addresses.subList(1, addresses.size())) {
                    bind(bound, address, port);
                }
                LoopbackListener listener = new LoopbackListener(bound, selectorFor(bound), port);
                listener.acceptor.start();
                return listener;
            } catch (BindException e) {
                lastFailure = e;
                closeAll(bound);
            } catch (IOException | RuntimeException e) {
                closeAll(bound);
                throw e;
            }
        }
        throw new IOException("cannot listen on one TCP port on all of " + addresses + " (" + ATTEMPTS
                + " ports tried): " + Objects.requireNonNull(lastFailure).getMessage(), lastFailure);
    }

    /** Binds {@code address:port} and returns the port bound (the chosen one when {@code port} is 0). */
    private static int bind(List<ServerSocketChannel> bound, String address, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        bound.add(channel);
        try {
            channel.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            BindException named = new BindException(address + ":" + port + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static Selector selectorFor(List<ServerSocketChannel> channels) throws IOException {
        Selector selector = Selector.open();
        try {
            for (ServerSocketChannel channel : channels) {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_ACCEPT);
            }
            return selector;
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /** @return the port that is open on every address */
    int port() {
        return port;
    }

    /** @return the accepting thread, for tests that check it has ended */
    Thread thread() {
        return acceptor;
    }

    private void acceptUntilClosed() {
        try {
            while (!closing) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel connection = ((ServerSocketChannel) key.channel()).accept();
                    if (connection != null) {
                        // the check only needs the handshake; nothing is ever read or written
                        connection.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // the listener is being closed, or the port is gone: either way there is nothing left to accept
        }
    }

    /** Stops accepting, waits for the thread to end and closes the port on every address. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        boolean interrupted = false;
        while (acceptor.isAlive()) {
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing is registered any more that could leak
        }
        closeAll(channels);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(List<ServerSocketChannel> channels) {
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a listening socket releases the port even when it reports an error
            }
        }
    }

    @Override
    public String toString() {
        return "LoopbackListener[port " + port + "]";
    }
}
