package org.procstage.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.procstage.protocol.ProbeEvent;

/**
 * Samples /proc for the run's live pids on its own thread and reports changes as events marked
 * as coming from the kernel: {@code state} (state letter, ppid, wchan, comm) and, when the parent
 * the kernel reports changes, {@code reparent} (from, to). Nothing here is inferred from probes.
 */
public final class KernelSampler implements AutoCloseable {

    private record Seen(char state, int ppid, String wchan, String comm) {
    }

    private final ProcReader proc;
    private final Consumer<ProbeEvent> sink;
    private final List<KernelObserver> observers;
    private final Map<Integer, Seen> tracked = new ConcurrentHashMap<>();
    private final Set<Integer> retired = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public KernelSampler(ProcReader proc, Consumer<ProbeEvent> sink, List<KernelObserver> observers,
                         long periodMillis) {
        this.proc = proc;
        this.sink = sink;
        this.observers = List.copyOf(observers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "procstage-kernel-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sampleAll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling pid (idempotent); samples it at once. */
    public void track(int pid) {
        if (pid <= 0 || retired.contains(pid) || tracked.containsKey(pid)) {
            return;
        }
        tracked.put(pid, new Seen('?', -1, "", ""));
        submit(() -> sample(pid));
    }

    /** Asks for a sample soon, e.g. right after a probe reported a step. */
    public void sampleSoon() {
        submit(this::sampleAll);
    }

    private void submit(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException closed) {
            // the run is over: its last connections close after the sampler stopped
        }
    }

    /** Samples pid (tracking it if new) on the sampler thread, reports what changed, then runs {@code after}. */
    public void sampleThen(int pid, Runnable after) {
        submit(() -> {
            if (pid > 0 && !retired.contains(pid)) {
                tracked.putIfAbsent(pid, new Seen('?', -1, "", ""));
                sample(pid);
            }
            after.run();
        });
    }

    public Set<Integer> trackedPids() {
        return Set.copyOf(tracked.keySet());
    }

    private void sampleAll() {
        for (Integer pid : List.copyOf(tracked.keySet())) {
            sample(pid);
        }
    }

    private synchronized void sample(int pid) {
        Seen before = tracked.get(pid);
        if (before == null) {
            return;
        }
        var stat = proc.stat(pid);
        if (stat.isEmpty()) {
            tracked.remove(pid);
            retired.add(pid);
            observers.forEach(o -> o.forget(pid));
            return;
        }
        long now = System.nanoTime();
        ProcStat s = stat.get();
        String wchan = s.state() == 'R' ? "" : proc.wchan(pid);
        Seen seen = new Seen(s.state(), s.ppid(), wchan, s.comm());
        List<ProbeEvent> out = new ArrayList<>();
        if (!Objects.equals(seen, before)) {
            tracked.put(pid, seen);
            if (before.ppid() > 0 && before.ppid() != s.ppid()) {
                Map<String, Object> moved = new LinkedHashMap<>();
                moved.put("from", before.ppid());
                moved.put("to", s.ppid());
                moved.put("toComm", proc.stat(s.ppid()).map(ProcStat::comm).orElse("?"));
                out.add(ProbeEvent.kernel("reparent", now, pid, moved));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("state", String.valueOf(s.state()));
            fields.put("ppid", s.ppid());
            fields.put("wchan", wchan);
            fields.put("comm", s.comm());
            out.add(ProbeEvent.kernel("state", now, pid, fields));
        }
        for (KernelObserver observer : observers) {
            out.addAll(observer.observe(pid, proc, now));
        }
        out.forEach(sink);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
