package org.procstage.scenes.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.procstage.testing.Fields.fields;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.semaphore.Worker.Phase;

/** The semaphore reducer on hand-made events: places, queue, value, timeline, kernel evidence. */
class SemaphoreViewModelTest {
    private static final int MAIN = 100;
    private long clock = 1_000_000_000L;
    private final List<ProbeEvent> events = new ArrayList<>();

    private void probe(String type, int pid, Object... kv) {
        events.add(ProbeEvent.probe(type, clock += 1_000_000, pid, fields(kv)));
    }

    private void kernel(String type, int pid, Object... kv) {
        events.add(ProbeEvent.kernel(type, clock += 1_000_000, pid, fields(kv)));
    }

    private SemaphorePicture run() {
        SemaphoreViewModel model = new SemaphoreViewModel();
        events.forEach(model::apply);
        model.publish();
        return model.pictureProperty().get();
    }

    /** Workers 1..4 ask; three get in, the fourth sleeps. */
    private void fourAsk() {
        probe("shared", MAIN, "object", "sem", "addr", "0x7f0000001000", "size", 32, "places", 3, "value", 3);
        for (int i = 1; i <= 4; i++) {
            probe("worker", i, "index", i);
        }
        for (int i = 1; i <= 3; i++) {
            probe("acquire", i, "lock", "sem", "value", 4 - i);
            probe("sem-wait", i, "lock", "sem", "before", 4 - i, "value", 3 - i);
            probe("acquired", i, "lock", "sem", "place", i - 1);
        }
        probe("acquire", 4, "lock", "sem", "value", 0);
        probe("blocked", 4, "lock", "sem", "value", 0);
    }

    @Test
    void threeGetPlacesAndTheFourthSleepsInTheQueue() {
        fourAsk();
        SemaphorePicture p = run();
        assertEquals(List.of(1, 2, 3), p.placePids());
        assertEquals(List.of(4), p.queue());
        assertEquals(0, p.value());
        assertEquals(3, p.insideNow());
        assertEquals(3, p.maxInside());
        assertEquals(Phase.BLOCKED, p.worker(4).phase());
        assertTrue(p.action().contains("W4"), p.action());
        assertFalse(p.worker(4).kernelSaysAsleepOnFutex(), "no kernel reading yet");
    }

    @Test
    void theKernelConfirmsTheSleeperWaitsOnTheSemaphoresFutex() {
        fourAsk();
        kernel("state", 4, "state", "S", "ppid", MAIN, "wchan", "futex_do_wait", "comm", "semaphore");
        kernel("futex", 4, "addr", "0x7f0000001000", "op", "0x109");
        SemaphorePicture p = run();
        Worker w = p.worker(4);
        assertTrue(w.onSemaphoreFutex());
        assertTrue(w.kernelSaysAsleepOnFutex());
        assertEquals('S', w.state());
        assertTrue(p.action().startsWith("The kernel confirms"), p.action());
    }

    @Test
    void aReleaseThatArrivesAfterTheAcquireItAllowedIsNotAFourthInside() {
        fourAsk();
        // W2's release happened first (its timestamp) but its line arrived after W4's acquire:
        // each process has its own connection.
        ProbeEvent release = ProbeEvent.probe("release", clock += 1_000_000, 2, fields("lock", "sem", "place", 1));
        probe("sem-wait", 4, "lock", "sem", "before", 0, "value", 0);
        probe("acquired", 4, "lock", "sem", "place", 1);
        events.add(release);
        SemaphorePicture p = run();
        assertEquals(3, p.maxInside(), "judged by the events' clock, never 4 inside");
        assertEquals(3, p.insideNow());
        assertEquals(List.of(1, 4, 3), p.placePids());
    }

    @Test
    void aFutexElsewhereIsNotTheSemaphore() {
        fourAsk();
        kernel("futex", 4, "addr", "0x7f0000002000", "op", "0x109");
        assertFalse(run().worker(4).onSemaphoreFutex());
    }

    @Test
    void aPostWakesTheSleeperIntoTheFreedPlace() {
        fourAsk();
        probe("release", 2, "lock", "sem", "place", 1);
        probe("sem-post", 2, "lock", "sem", "value", 1);
        probe("exit", 2, "code", 0);
        probe("sem-wait", 4, "lock", "sem", "before", 0, "value", 0);
        probe("acquired", 4, "lock", "sem", "place", 1);
        SemaphorePicture p = run();
        assertEquals(List.of(1, 4, 3), p.placePids());
        assertTrue(p.queue().isEmpty());
        assertEquals(Phase.DONE, p.worker(2).phase());
        assertEquals(3, p.maxInside());
        Worker w4 = p.worker(4);
        assertTrue(w4.waited() && w4.blockedAt() < w4.insideAt());
        assertEquals(List.of(1, 2, 3, 2, 3), p.occupancy().stream().map(SemaphorePicture.Occupancy::count).toList());
        assertTrue(p.action().contains("woken"), p.action());
    }

    @Test
    void kernelReadingsBeforeTheWorkerEventAreKept() {
        kernel("state", 9, "state", "S", "ppid", MAIN, "wchan", "futex_do_wait", "comm", "semaphore");
        probe("worker", 9, "index", 9);
        assertEquals('S', run().worker(9).state());
    }

    @Test
    void resetForgetsEverythingAndReplayGivesTheSamePicture() {
        fourAsk();
        SemaphoreViewModel model = new SemaphoreViewModel();
        events.forEach(model::apply);
        model.publish();
        SemaphorePicture first = model.pictureProperty().get();
        model.reset();
        model.publish();
        assertTrue(model.pictureProperty().get().workers().isEmpty());
        events.forEach(model::apply);
        model.publish();
        assertEquals(first, model.pictureProperty().get());
    }
}
