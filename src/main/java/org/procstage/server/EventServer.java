package org.procstage.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.MalformedEventException;
import org.procstage.protocol.ProbeEvent;

/**
 * Accepts probe connections on a Unix domain socket and reads each on its own thread, so a slow
 * UI never slows a probe. The first line of a connection must be a "hello" carrying the run's
 * token; anything else closes it. A malformed line is reported and skipped: the connection's
 * later lines still arrive.
 */
public final class EventServer implements AutoCloseable {

    /** Where the server's findings go; called on reader threads. */
    public interface Listener {
        void onEvent(ProbeEvent event);

        void onRejected(String message);

        default void onDisconnected(ProbeConnection connection) {
        }
    }

    private final Path socketPath;
    private final byte[] token;
    private final EventCodec codec;
    private final Listener listener;
    private final ServerSocketChannel server;
    private final Map<Integer, ProbeConnection> byPid = new ConcurrentHashMap<>();
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    public EventServer(Path socketPath, String token, EventCodec codec, Listener listener) throws IOException {
        this.socketPath = socketPath;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.codec = codec;
        this.listener = listener;
        Files.deleteIfExists(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Thread acceptor = new Thread(this::acceptLoop, "procstage-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socketPath() {
        return socketPath;
    }

    public Optional<ProbeConnection> connection(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    public List<ProbeConnection> connections() {
        return List.copyOf(byPid.values());
    }

    /** Accepted connections whose reader has not yet delivered their last line. */
    public int openConnections() {
        return open.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                open.incrementAndGet();
                Thread reader = new Thread(() -> serve(channel),
                        "procstage-reader-" + readers.incrementAndGet());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    listener.onRejected("event server stopped accepting: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        ProbeConnection connection = new ProbeConnection(channel);
        LineReader lines = new LineReader(channel);
        try {
            if (!handshake(connection, lines.readLine())) {
                connection.close();
                return;
            }
            int lineNumber = 1;
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                try {
                    listener.onEvent(codec.decode(line));
                } catch (MalformedEventException e) {
                    listener.onRejected("rejected line " + lineNumber + " from pid " + connection.pid()
                            + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            // the probe went away mid-line; what it sent before is already delivered
        } finally {
            connection.close();
            open.decrementAndGet();
            if (connection.pid() > 0) {
                byPid.remove(connection.pid(), connection);
                listener.onDisconnected(connection);
            }
        }
    }

    private boolean handshake(ProbeConnection connection, String first) {
        if (first == null) {
            return false;
        }
        ProbeEvent hello;
        try {
            hello = codec.decode(first);
        } catch (MalformedEventException e) {
            listener.onRejected("connection rejected: its first line is not a hello: " + e.getMessage());
            return false;
        }
        if (!hello.is("hello")) {
            listener.onRejected("connection rejected: first line is \"" + hello.type() + "\", not \"hello\"");
            return false;
        }
        byte[] offered = hello.str("token", "").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(offered, token)) {
            listener.onRejected("connection rejected: wrong token from pid " + hello.pid());
            return false;
        }
        connection.identify(hello.pid(), hello.str("comm", ""));
        byPid.put(hello.pid(), connection);
        Map<String, Object> fields = new java.util.LinkedHashMap<>(hello.fields());
        fields.remove("token"); // a secret of this run, never recorded
        listener.onEvent(ProbeEvent.probe("hello", hello.t(), hello.pid(), fields));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        byPid.values().forEach(ProbeConnection::close);
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // the private directory is removed with the run
        }
    }
}
