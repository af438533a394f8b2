package org.procstage.session;

import java.util.List;
import org.procstage.protocol.ProbeEvent;

/**
 * Where a replay stops when stepping: just after each "step" event, as a live paced run stops
 * when a probe reaches a step point. A cursor is the number of events applied.
 */
public final class StepBoundaries {
    private StepBoundaries() {
    }

    public static int next(List<ProbeEvent> events, int cursor) {
        for (int i = Math.max(cursor, 0); i < events.size(); i++) {
            if (events.get(i).is("step")) {
                return i + 1;
            }
        }
        return events.size();
    }

    public static int previous(List<ProbeEvent> events, int cursor) {
        for (int i = Math.min(cursor, events.size()) - 2; i >= 0; i--) {
            if (events.get(i).is("step")) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The cursor after n steps from the start (n larger than the steps there are: the end). */
    public static int afterSteps(List<ProbeEvent> events, int n) {
        int cursor = 0;
        for (int i = 0; i < n && cursor < events.size(); i++) {
            cursor = next(events, cursor);
        }
        return cursor;
    }

    public static int count(List<ProbeEvent> events) {
        return (int) events.stream().filter(e -> e.is("step")).count();
    }
}
