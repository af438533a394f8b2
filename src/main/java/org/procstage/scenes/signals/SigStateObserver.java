package org.procstage.scenes.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.procstage.kernel.KernelObserver;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/**
 * The signal part of a process control block, as /proc/PID/status prints it: SigPnd (pending for
 * the thread), ShdPnd (pending for the process), SigBlk, SigIgn, SigCgt — hex strings, unchanged.
 * Emits {@code sigstate} only when one of them changed.
 */
public final class SigStateObserver implements KernelObserver {
    private final Map<Integer, Map<String, Object>> last = new ConcurrentHashMap<>();

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        Map<String, String> status = proc.status(pid);
        if (!status.containsKey("SigBlk")) {
            return List.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pending", status.getOrDefault("SigPnd", ""));
        fields.put("shdPending", status.getOrDefault("ShdPnd", ""));
        fields.put("blocked", status.getOrDefault("SigBlk", ""));
        fields.put("ignored", status.getOrDefault("SigIgn", ""));
        fields.put("caught", status.getOrDefault("SigCgt", ""));
        if (fields.equals(last.put(pid, fields))) {
            return List.of();
        }
        // Stamped after the read, never before what it saw (the sampler's "now" is taken earlier).
        return List.of(ProbeEvent.kernel("sigstate", Math.max(now, System.nanoTime()), pid, fields));
    }

    @Override
    public void forget(int pid) {
        last.remove(pid);
    }
}
