package org.procstage.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.procstage.protocol.ProbeEvent;

/**
 * CPU time the kernel has charged to a process: utime + stime from /proc/PID/stat, in clock
 * ticks (USER_HZ, 100 on Linux: one tick = 10 ms). Emits kernel event {@code cputime} with
 * {@code ticks}, {@code userTicks}, {@code systemTicks} when the reading changed, and at most
 * once per {@code minGapMillis} per process, so a spinning process doesn't flood the trace.
 */
public final class CpuTimeObserver implements KernelObserver {
    private record Reading(long user, long system, long at) {
    }

    private final long minGapNanos;
    private final Map<Integer, Reading> last = new ConcurrentHashMap<>();

    public CpuTimeObserver(long minGapMillis) {
        this.minGapNanos = minGapMillis * 1_000_000L;
    }

    public CpuTimeObserver() {
        this(100);
    }

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        var stat = proc.stat(pid);
        if (stat.isEmpty()) {
            return List.of();
        }
        ProcStat s = stat.get();
        Reading before = last.get(pid);
        if (before != null && (before.user() == s.userTicks() && before.system() == s.systemTicks()
                || now - before.at() < minGapNanos)) {
            return List.of();
        }
        last.put(pid, new Reading(s.userTicks(), s.systemTicks(), now));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticks", s.cpuTicks());
        fields.put("userTicks", s.userTicks());
        fields.put("systemTicks", s.systemTicks());
        return List.of(ProbeEvent.kernel("cputime", now, pid, fields));
    }

    @Override
    public void forget(int pid) {
        last.remove(pid);
    }
}
