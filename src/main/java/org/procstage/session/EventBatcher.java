package org.procstage.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.procstage.protocol.ProbeEvent;

/**
 * Collects events from any thread and hands them to the UI in batches: at most one task is
 * queued on the UI executor at a time, however fast events arrive, so the FX thread is never
 * flooded with one runLater per event.
 *
 * <p>Events come from one connection per process and from the kernel sampler, so they can arrive
 * in another order than they happened (a release reported before sem_post can reach the app after
 * the acquire it allowed). With a reorder window, an event is held until it is that old by its own
 * timestamp (or has waited that long), so everything is applied in timestamp order; without one,
 * each batch is sorted on its own.
 */
public final class EventBatcher {
    private record Held(ProbeEvent event, long arrived) {
    }

    private final ConcurrentLinkedQueue<Held> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor uiExecutor;
    private final Consumer<List<ProbeEvent>> applier;
    private final long windowNanos;
    private final ScheduledExecutorService timer;
    private final List<Held> held = new ArrayList<>();

    public EventBatcher(Executor uiExecutor, Consumer<List<ProbeEvent>> applier) {
        this(uiExecutor, applier, 0, null);
    }

    /** windowNanos > 0 needs a timer, to release held events when no new ones arrive. */
    public EventBatcher(Executor uiExecutor, Consumer<List<ProbeEvent>> applier, long windowNanos,
                        ScheduledExecutorService timer) {
        if (windowNanos > 0 && timer == null) {
            throw new IllegalArgumentException("a reorder window needs a timer");
        }
        this.uiExecutor = uiExecutor;
        this.applier = applier;
        this.windowNanos = windowNanos;
        this.timer = timer;
    }

    public void offer(ProbeEvent event) {
        queue.add(new Held(event, System.nanoTime()));
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (scheduled.compareAndSet(false, true)) {
            uiExecutor.execute(this::drain);
        }
    }

    /** Applies everything due so far, in timestamp order; runs on the UI executor. */
    public synchronized void drain() {
        scheduled.set(false);
        Held h;
        while ((h = queue.poll()) != null) {
            held.add(h);
        }
        if (held.isEmpty()) {
            return;
        }
        held.sort(Comparator.comparingLong(x -> x.event().t()));
        long now = System.nanoTime();
        int due = 0;
        while (due < held.size() && isDue(held.get(due), now)) {
            due++;
        }
        if (due > 0) {
            List<ProbeEvent> batch = new ArrayList<>(due);
            held.subList(0, due).forEach(x -> batch.add(x.event()));
            held.subList(0, due).clear();
            applier.accept(batch);
        }
        if (!held.isEmpty()) {
            try {
                timer.schedule(this::scheduleDrain, windowNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // the player is closing; what is held belongs to a run being thrown away
            }
        }
    }

    private boolean isDue(Held h, long now) {
        return windowNanos == 0 || h.event().t() <= now - windowNanos || h.arrived() <= now - windowNanos;
    }

    public synchronized int pending() {
        return queue.size() + held.size();
    }
}
