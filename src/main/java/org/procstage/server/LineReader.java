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
            if (buffer.hasRemaining()) {
                byte[] array = buffer.array();
                int from = buffer.position();
                int limit = buffer.limit();
                for (int i = from; i < limit; i++) {
                    if (array[i] == '\n') {
                        buffer.position(i + 1);
                        if (pending.size() == 0) {
                            return new String(array, from, i - from, StandardCharsets.UTF_8);
                        }
                        pending.write(array, from, i - from);
                        return takePending();
                    }
                }
                pending.write(array, from, limit - from);
                buffer.position(limit);
            }
            if (eof) {
                return pending.size() == 0 ? null : takePending();
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                eof = true;
            }
        }
    }

    private String takePending() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return line;
    }
}
