package org.procstage.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One probe process's connection: the app writes commands to it, one JSON line each. */
public final class ProbeConnection {
    private final SocketChannel channel;
    private volatile int pid;
    private volatile String comm = "";

    ProbeConnection(SocketChannel channel) {
        this.channel = channel;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    void identify(int pid, String comm) {
        this.pid = pid;
        this.comm = comm;
    }

    /** Sends one command line; false when the probe has gone. */
    public boolean send(String jsonLine) {
        ByteBuffer bytes = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed by the peer
        }
    }
}
