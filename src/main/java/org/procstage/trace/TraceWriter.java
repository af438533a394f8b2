package org.procstage.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;

/** Writes a trace as NDJSON: the header line, then one event per line. */
public final class TraceWriter {
    private final EventCodec codec;

    public TraceWriter(EventCodec codec) {
        this.codec = codec;
    }

    public void write(Path file, Trace trace) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".trace", ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(codec.write(trace.header().toMap()));
            out.newLine();
            for (ProbeEvent e : trace.events()) {
                out.write(codec.encode(e));
                out.newLine();
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
