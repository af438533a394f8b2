package org.procstage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.procstage.protocol.ProbeEvent;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventBatcherTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_500;
    private static final int EVENTS = THREADS * PER_THREAD;

    /** Like Platform.runLater, but the tasks only run when the "UI" says so. */
    static final class DeferredExecutor implements Executor {
        final AtomicInteger scheduled = new AtomicInteger();
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            scheduled.incrementAndGet();
            tasks.add(task);
        }

        void runPending() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    /** Checks every batch as it is applied; seq identifies an event across all threads. */
    static final class Recorder {
        final AtomicIntegerArray timesApplied = new AtomicIntegerArray(EVENTS);
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean unsorted = new AtomicBoolean();

        void apply(List<ProbeEvent> batch) {
            batchSizes.add(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0 && batch.get(i - 1).t() > batch.get(i).t()) {
                    unsorted.set(true);
                }
                timesApplied.incrementAndGet(batch.get(i).intField("seq", -1));
            }
        }

        void assertEachAppliedOnce() {
            for (int seq = 0; seq < EVENTS; seq++) {
                assertEquals(1, timesApplied.get(seq), "event " + seq + " applied");
            }
            assertEquals(EVENTS, batchSizes.stream().mapToInt(Integer::intValue).sum());
        }
    }

    private static ProbeEvent event(int thread, int i) {
        // timestamps out of order across threads, so each batch really has to be sorted
        long t = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        return ProbeEvent.probe("tick", t, 100 + thread, Map.of("seq", thread * PER_THREAD + i));
    }

    @Test
    void manyOffersFromManyThreadsScheduleFewUiTasks() throws Exception {
        DeferredExecutor ui = new DeferredExecutor();
        Recorder recorder = new Recorder();
        EventBatcher batcher = new EventBatcher(ui, recorder::apply);
        int rounds = 10;
        int perRound = PER_THREAD / rounds;
        AtomicInteger frames = new AtomicInteger();
        // The barrier's action is the "frame": it runs the UI tasks queued while the threads offered.
        CyclicBarrier frame = new CyclicBarrier(THREADS, () -> {
            frames.incrementAndGet();
            ui.runPending();
        });
        List<Thread> offerers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int th = 0; th < THREADS; th++) {
            int thread = th;
            Thread t = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        for (int i = r * perRound; i < (r + 1) * perRound; i++) {
                            batcher.offer(event(thread, i));
                        }
                        frame.await(10, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            offerers.add(t);
            t.start();
        }
        for (Thread t : offerers) {
            t.join();
        }
        ui.runPending();

        assertEquals(List.of(), failures);
        assertEquals(rounds, frames.get());
        assertTrue(ui.scheduled.get() < EVENTS / 10,
                ui.scheduled.get() + " UI tasks for " + EVENTS + " events");
        assertTrue(ui.scheduled.get() <= rounds, "at most one task per frame, got " + ui.scheduled.get());
        recorder.assertEachAppliedOnce();
        assertTrue(!recorder.unsorted.get(), "every batch is in timestamp order");
        assertEquals(0, batcher.pending());
    }

    @Test
    void aBusyUiThreadDrainingConcurrentlyLosesAndRepeatsNothing() throws Exception {
        DeferredExecutor ui = new DeferredExecutor();
        Recorder recorder = new Recorder();
        EventBatcher batcher = new EventBatcher(ui, recorder::apply);
        AtomicBoolean offering = new AtomicBoolean(true);
        Thread uiThread = new Thread(() -> {
            while (offering.get() || batcher.pending() > 0) {
                ui.runPending();
                Thread.onSpinWait();
            }
        });
        uiThread.start();
        List<Thread> offerers = new ArrayList<>();
        for (int th = 0; th < THREADS; th++) {
            int thread = th;
            Thread t = new Thread(() -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    batcher.offer(event(thread, i));
                }
            });
            offerers.add(t);
            t.start();
        }
        for (Thread t : offerers) {
            t.join();
        }
        offering.set(false);
        uiThread.join();
        ui.runPending();

        recorder.assertEachAppliedOnce();
        assertTrue(!recorder.unsorted.get(), "every batch is in timestamp order");
    }

    @Test
    void nothingIsScheduledWhileATaskIsAlreadyQueued() {
        DeferredExecutor ui = new DeferredExecutor();
        Recorder recorder = new Recorder();
        EventBatcher batcher = new EventBatcher(ui, recorder::apply);
        for (int i = 0; i < 100; i++) {
            batcher.offer(event(0, i));
        }
        assertEquals(1, ui.scheduled.get());
        assertEquals(100, batcher.pending());

        ui.runPending();
        batcher.offer(event(0, 100));

        assertEquals(2, ui.scheduled.get(), "after a drain, the next event schedules again");
        assertEquals(List.of(100), recorder.batchSizes);
    }

    @Test
    void anEmptyDrainAppliesNothing() {
        List<List<ProbeEvent>> batches = new ArrayList<>();
        EventBatcher batcher = new EventBatcher(Runnable::run, batches::add);
        batcher.drain();
        assertEquals(List.of(), batches);
    }

    @Test
    void withAReorderWindowALateArrivingEarlierEventIsStillAppliedInTimestampOrder() throws Exception {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            List<ProbeEvent> applied = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
            EventBatcher batcher = new EventBatcher(Runnable::run, batch -> batch.forEach(e -> {
                applied.add(e);
                both.countDown();
            }), 30_000_000L, timer);
            long now = System.nanoTime();
            // The acquire (later) reaches the app first; the release (earlier) a moment after.
            batcher.offer(ProbeEvent.probe("acquired", now + 2_000_000, 4, java.util.Map.of()));
            Thread.sleep(5);
            batcher.offer(ProbeEvent.probe("release", now + 1_000_000, 2, java.util.Map.of()));
            assertTrue(both.await(2, java.util.concurrent.TimeUnit.SECONDS), "held events are released by the timer");
            assertEquals(List.of("release", "acquired"), applied.stream().map(ProbeEvent::type).toList());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anEventFromAWrongClockIsHeldNoLongerThanTheWindow() throws Exception {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
            EventBatcher batcher = new EventBatcher(Runnable::run, batch -> applied.countDown(), 30_000_000L, timer);
            batcher.offer(ProbeEvent.probe("future", System.nanoTime() + 3_600_000_000_000L, 9, java.util.Map.of()));
            assertTrue(applied.await(2, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            timer.shutdownNow();
        }
    }
}
