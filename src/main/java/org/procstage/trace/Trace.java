package org.procstage.trace;

import java.util.List;
import java.util.Optional;
import org.procstage.protocol.ProbeEvent;

/**
 * A recorded run. When the file was damaged, {@code error} says where, and {@code events} holds
 * every good event before the damage.
 */
public record Trace(TraceHeader header, List<ProbeEvent> events, Optional<TraceError> error) {
    public Trace {
        events = List.copyOf(events);
    }

    public Trace(TraceHeader header, List<ProbeEvent> events) {
        this(header, events, Optional.empty());
    }

    /** Where a trace file went wrong: 1-based line number and what was wrong there. */
    public record TraceError(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }
}
