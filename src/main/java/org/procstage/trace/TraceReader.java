package org.procstage.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.MalformedEventException;
import org.procstage.protocol.ProbeEvent;

/**
 * Reads a trace. A damaged line stops the read there: the result keeps every event before it
 * and names the line. Only an unreadable file or a missing header is an exception.
 */
public final class TraceReader {
    private final EventCodec codec;

    public TraceReader(EventCodec codec) {
        this.codec = codec;
    }

    public Trace read(Path file) throws IOException, TraceFormatException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in);
        }
    }

    public Trace read(Reader source) throws IOException, TraceFormatException {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
        TraceHeader header = header(in.readLine());
        List<ProbeEvent> events = new ArrayList<>();
        int lineNumber = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(codec.decode(line));
            } catch (MalformedEventException e) {
                return new Trace(header, events, Optional.of(new Trace.TraceError(lineNumber, e.getMessage())));
            }
        }
        return new Trace(header, events);
    }

    private TraceHeader header(String first) throws TraceFormatException {
        if (first == null) {
            throw new TraceFormatException("line 1: the file is empty, expected a procstage-trace header");
        }
        Map<String, Object> m;
        try {
            m = codec.decodeObject(first);
        } catch (MalformedEventException e) {
            throw new TraceFormatException("line 1: " + e.getMessage());
        }
        if (!TraceHeader.FORMAT.equals(m.get("format"))) {
            throw new TraceFormatException("line 1: not a ProcStage trace (\"format\" is not \"" + TraceHeader.FORMAT + "\")");
        }
        if (!(m.get("version") instanceof Number v) || v.intValue() > TraceHeader.VERSION) {
            throw new TraceFormatException("line 1: unsupported trace version " + m.get("version")
                    + " (this build reads up to " + TraceHeader.VERSION + ")");
        }
        if (!(m.get("scenario") instanceof String scenario) || scenario.isBlank()) {
            throw new TraceFormatException("line 1: the header names no \"scenario\"");
        }
        return new TraceHeader(TraceHeader.FORMAT, v.intValue(), scenario,
                String.valueOf(m.getOrDefault("kernel", "?")), String.valueOf(m.getOrDefault("date", "?")));
    }

    /** The trace cannot be used at all (no header, wrong format). */
    public static final class TraceFormatException extends Exception {
        public TraceFormatException(String message) {
            super(message);
        }
    }
}
