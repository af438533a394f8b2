package org.procstage.kernel;

import java.util.List;
import org.procstage.protocol.ProbeEvent;

/**
 * A scene's extra view into /proc (signal bitmaps, CPU time, ...), sampled with the process
 * state. Return only what changed since the last call for that pid: unchanged readings would
 * flood the trace.
 */
public interface KernelObserver {
    List<ProbeEvent> observe(int pid, ProcReader proc, long now);

    /** The pid is no longer sampled; forget what was remembered of it. */
    default void forget(int pid) {
    }
}
