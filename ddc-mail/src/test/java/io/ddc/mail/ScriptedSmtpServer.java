package io.ddc.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny SMTP server on a loopback port that misbehaves the way real ones do: it refuses every
 * recipient, refuses the whole session at the greeting, or accepts the connection and never says a
 * word. One connection at a time, on one thread that {@link #close()} ends.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    /** How the server behaves. */
    enum Mode {
        /** Greets and accepts the sender, answers every RCPT with 554. */
        REFUSE_RECIPIENTS,
        /** Answers the connection with 554 instead of a greeting. */
        REFUSE_AT_GREETING,
        /** Accepts the connection and stays silent. */
        SILENT
    }

    private final ServerSocket server;
    private final Mode mode;
    private final Thread thread;
    private final List<String> commands = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();

    ScriptedSmtpServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "scripted-smtp");
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the commands received so far, as sent */
    List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                synchronized (open) {
                    open.add(socket);
                }
                converse(socket);
            } catch (IOException e) {
                // closed by close(), or the client went away: take the next connection
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        switch (mode) {
            case SILENT:
                while (in.readLine() != null) {
                    // say nothing
                }
                return;
            case REFUSE_AT_GREETING:
                reply(out, "554 5.3.2 refusing.test no service for you");
                break;
            default:
                reply(out, "220 refusing.test ESMTP");
                break;
        }
        String line;
        while ((line = in.readLine()) != null) {
            synchronized (commands) {
                commands.add(line);
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (verb) {
                case "EHLO":
                case "HELO":
                    reply(out, mode == Mode.REFUSE_AT_GREETING ? "503 5.5.1 no service" : "250 refusing.test");
                    break;
                case "MAIL":
                case "RSET":
                case "NOOP":
                    reply(out, "250 2.0.0 OK");
                    break;
                case "RCPT":
                    reply(out, "554 5.7.1 relay access denied");
                    break;
                case "QUIT":
                    reply(out, "221 2.0.0 bye");
                    return;
                default:
                    reply(out, "502 5.5.2 not implemented");
                    break;
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
