package org.procstage.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A probe stand-in: one AF_UNIX connection that writes NDJSON and reads command lines. */
final class TestProbeClient implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(4096);

    TestProbeClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in.flip();
    }

    static String hello(int pid, String token) {
        return "{\"type\":\"hello\",\"t\":1,\"pid\":" + pid + ",\"ppid\":1,\"token\":\"" + token
                + "\",\"scenario\":\"test\",\"comm\":\"client\",\"paced\":false}";
    }

    static String tick(int pid, int seq) {
        return "{\"type\":\"tick\",\"t\":" + (1000 + seq) + ",\"pid\":" + pid + ",\"seq\":" + seq + "}";
    }

    void sendLines(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** The next line the app sent, or null when it closed the connection. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
        }
    }

    /** Blocks until the app closes the connection; true if it did (EOF or reset). */
    boolean closedByApp() {
        try {
            while (true) {
                if (readLine() == null) {
                    return true;
                }
            }
        } catch (IOException e) {
            // a close with our unread lines still queued arrives as a reset
            return !(e instanceof java.nio.channels.ClosedByInterruptException);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
