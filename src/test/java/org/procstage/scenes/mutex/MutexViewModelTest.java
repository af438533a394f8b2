package org.procstage.scenes.mutex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

/** The mutex reducer on hand-made events. */
class MutexViewModelTest {
    private static final int MAIN = 200;
    private static final int A = 201;
    private static final int B = 202;
    private static final int C = 203;
    private final MutexViewModel model = new MutexViewModel();

    private static ProbeEvent ev(String type, int pid, long t, Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return ProbeEvent.probe(type, t, pid, f);
    }

    private MutexState apply(ProbeEvent... events) {
        for (ProbeEvent e : events) {
            model.apply(e);
        }
        model.publish();
        return model.stateProperty().get();
    }

    private void workers() {
        apply(ev("hello", MAIN, 1, "comm", "mutex"), ev("role", A, 2, "name", "A"), ev("role", B, 3, "name", "B"),
                ev("role", C, 4, "name", "C"));
    }

    @Test
    void theOwnerAndTheQueueInTheOrderTheyBlocked() {
        workers();
        MutexState s = apply(ev("acquire", A, 10), ev("acquired", A, 11, "grant", 1, "contended", false),
                ev("acquire", C, 12), ev("blocked", C, 13), ev("acquire", B, 14), ev("blocked", B, 15));
        assertEquals(A, s.owner());
        assertEquals(1, s.ownerGrant());
        assertEquals(List.of(C, B), s.queue().stream().map(MutexState.Waiting::pid).toList());
        assertTrue(s.caption().contains("BLOCKS"), s.caption());
        s = apply(ev("release", A, 20), ev("acquired", C, 21, "grant", 2, "contended", true,
                "switchesBefore", 3L, "switchesAfter", 4L));
        assertEquals(C, s.owner());
        assertEquals(List.of(B), s.queue().stream().map(MutexState.Waiting::pid).toList());
        assertEquals(1, s.contended().slept());
    }

    @Test
    void theTimelineHasNonOverlappingHoldsAndWaits() {
        workers();
        MutexState s = apply(ev("acquired", A, 10, "grant", 1), ev("blocked", B, 12), ev("release", A, 20),
                ev("acquired", B, 21, "grant", 2));
        List<MutexState.Segment> holds = s.timeline().stream().filter(x -> x.kind() == MutexState.Kind.HOLD).toList();
        assertEquals(2, holds.size());
        assertEquals(20, holds.get(0).end());
        assertTrue(holds.get(1).open());
        MutexState.Segment wait = s.timeline().stream().filter(x -> x.kind() == MutexState.Kind.WAIT).findFirst().orElseThrow();
        assertEquals(12, wait.start());
        assertEquals(21, wait.end());
        assertEquals(21, s.now());
    }

    @Test
    void aReleaseArrivingAfterTheNextGrantNeverShowsTwoOwners() {
        workers();
        // Live runs: the release and the next acquired come over different connections.
        MutexState s = apply(ev("acquired", A, 10, "grant", 1), ev("blocked", B, 12), ev("acquired", B, 21, "grant", 2));
        assertEquals(B, s.owner());
        assertEquals(1, s.timeline().stream().filter(MutexState.Segment::open).count(), "one open critical section");
        s = apply(ev("release", A, 20));
        assertEquals(B, s.owner(), "A's late release does not free B's lock");
        MutexState.Segment first = s.timeline().stream().filter(x -> x.pid() == A).findFirst().orElseThrow();
        assertEquals(20, first.end(), "the exact end once the release arrives");
    }

    @Test
    void kernelSamplesOfAFutexWaitAreKeptAsEvidence() {
        workers();
        MutexState s = apply(ev("acquired", A, 10, "grant", 1), ev("blocked", B, 12),
                ProbeEvent.kernel("state", 15, B, Map.of("state", "S", "wchan", "futex_do_wait")),
                ProbeEvent.kernel("state", 16, A, Map.of("state", "S", "wchan", "hrtimer_nanosleep")));
        assertEquals(1, s.futexSamples().size());
        assertTrue(s.proc(B).asleepOnFutex());
        assertFalse(s.proc(A).asleepOnFutex(), "the owner sleeps too, but not on the lock");
        assertEquals(15, s.proc(B).sampledAt());
    }

    @Test
    void theFastPathIsTheFirstUncontendedGrant() {
        workers();
        MutexState s = apply(ev("acquired", MAIN, 5, "grant", 1, "contended", false, "switchesBefore", 0L,
                "switchesAfter", 0L), ev("release", MAIN, 6));
        assertEquals(MAIN, s.uncontended().pid());
        assertEquals(0, s.uncontended().slept());
        assertEquals("main", s.proc(MAIN).role());
        assertTrue(s.caption().contains("unlocks"), s.caption());
    }

    @Test
    void theLogLinesAsWrittenAndAsReadBack() {
        workers();
        MutexState s = apply(ev("log-write", A, 5, "grant", 1, "text", "grant 1: worker A"),
                ev("log-file", MAIN, 9, "lines", List.of("grant 1: worker A", "grant 2: worker B")));
        assertEquals(List.of("grant 1: worker A"), s.written());
        assertEquals(List.of("grant 1: worker A", "grant 2: worker B"), s.file());
        model.reset();
        model.publish();
        assertEquals(MutexState.EMPTY, model.stateProperty().get());
    }
}
