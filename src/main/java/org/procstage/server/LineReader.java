package org.procstage.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/** Splits a channel's bytes into UTF-8 lines without Channels.newInputStream's locking. */
final class LineReader {
    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean eof;

    LineReader(ReadableByteChannel channel) {
        this.channel = channel;
        buffer.flip();
    }

    /** The next line without its '\n', or null at end of stream. */
    String readLine() throws IOException {
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    return line;
                }
                pending.write(b);
            }
            if (eof) {
                if (pending.size() == 0) {
                    return null;
                }
                String last = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                return last;
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                eof = true;
            }
        }
    }
}
