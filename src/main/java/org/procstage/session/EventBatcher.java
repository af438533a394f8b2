package org.procstage.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.procstage.protocol.ProbeEvent;

/**
 * Collects events from any thread and hands them to the UI in batches: at most one task is
 * queued on the UI executor at a time, however fast events arrive, so the FX thread is never
 * flooded with one runLater per event. Within a batch, events are put in timestamp order (they
 * come from several connections and the sampler).
 */
public final class EventBatcher {
    private final ConcurrentLinkedQueue<ProbeEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor uiExecutor;
    private final Consumer<List<ProbeEvent>> applier;

    public EventBatcher(Executor uiExecutor, Consumer<List<ProbeEvent>> applier) {
        this.uiExecutor = uiExecutor;
        this.applier = applier;
    }

    public void offer(ProbeEvent event) {
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            uiExecutor.execute(this::drain);
        }
    }

    /** Applies everything queued so far; runs on the UI executor. */
    public synchronized void drain() {
        scheduled.set(false);
        List<ProbeEvent> batch = new ArrayList<>();
        ProbeEvent e;
        while ((e = queue.poll()) != null) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            batch.sort(Comparator.comparingLong(ProbeEvent::t));
            applier.accept(batch);
        }
    }

    public int pending() {
        return queue.size();
    }
}
