package org.procstage.scenes.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.StepGates;
import org.procstage.session.ProbeControl;

/** The race reducer on hand-made events. */
class RaceViewModelTest {
    private static final int PARENT = 100;
    private static final int A = 101;
    private static final int B = 102;
    private static final int R = 103;
    private final RaceViewModel model = new RaceViewModel();
    private long t = 1_000;

    private ProbeEvent ev(String type, int pid, Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return ProbeEvent.probe(type, t++, pid, f);
    }

    private RaceState apply(ProbeEvent... events) {
        for (ProbeEvent e : events) {
            model.apply(e);
        }
        model.publish();
        return model.stateProperty().get();
    }

    private void startRound(int n, boolean locked, boolean byHand) {
        apply(ev("round", PARENT, "round", n, "title", "round " + n + ": test", "locked", locked, "byHand", byHand,
                "perWorker", byHand ? 2 : 20000, "yieldInjected", !byHand),
                ev("role", A, "name", "A", "round", n), ev("role", B, "name", "B", "round", n),
                ev("role", R, "name", "R", "round", n));
    }

    private RaceState.Worker worker(RaceState s, String role) {
        return s.workers().stream().filter(w -> w.role().equals(role)).findFirst().orElseThrow();
    }

    @Test
    void aLostUpdateIsNamedWhenTheSecondWriteDoesNotRaiseTheCounter() {
        startRound(1, false, true);
        RaceState s = apply(ev("read", A, "field", "counter", "value", 0L), ev("read", B, "field", "counter", "value", 0L));
        assertEquals(0L, worker(s, "A").seen());
        assertEquals(0L, worker(s, "B").seen());
        s = apply(ev("write", A, "field", "field1", "value", 1L), ev("write", A, "field", "field2", "value", 1L),
                ev("write", A, "field", "counter", "value", 1L));
        assertFalse(s.caption().contains("LOST"), s.caption());
        s = apply(ev("write", B, "field", "field1", "value", 1L), ev("write", B, "field", "field2", "value", 1L),
                ev("write", B, "field", "counter", "value", 1L));
        assertTrue(s.caption().contains("LOST"), s.caption());
        assertEquals(1, s.memory().counter());
        assertEquals(2, worker(s, "A").done() + worker(s, "B").done(), "two increments done, counter 1");
    }

    @Test
    void aTornRecordShowsInMemoryAndInTheReadersCheck() {
        startRound(1, false, true);
        RaceState s = apply(ev("write", A, "field", "field1", "value", 1L));
        assertTrue(s.memory().torn(), "field1 written, field2 not yet");
        s = apply(ev("check", R, "field1", 0L, "field2", 1L, "torn", true));
        assertTrue(worker(s, "R").lastCheck().torn());
        assertTrue(s.caption().contains("TORN"), s.caption());
    }

    @Test
    void theLockHasOneOwnerAndBlockedProcessesWait() {
        startRound(2, true, true);
        RaceState s = apply(ev("acquire", A, "lock", "record"), ev("acquired", A, "lock", "record"),
                ev("acquire", B, "lock", "record"), ev("blocked", B, "lock", "record"));
        assertEquals(A, s.lockOwner());
        assertTrue(worker(s, "A").holdsLock());
        assertTrue(worker(s, "B").waitsForLock());
        assertTrue(s.caption().contains("BLOCKED"), s.caption());
        s = apply(ev("release", A, "lock", "record"), ev("acquired", B, "lock", "record"));
        assertEquals(B, s.lockOwner());
        assertFalse(worker(s, "A").holdsLock());
        assertFalse(worker(s, "B").waitsForLock());
        assertTrue(worker(s, "B").holdsLock());
    }

    @Test
    void fullSpeedProgressShowsTheCounterAndTheLossSoFar() {
        startRound(3, false, false);
        RaceState s = apply(ev("progress", A, "done", 2000L, "of", 20000L, "counter", 3000L),
                ev("progress", B, "done", 2000L, "of", 20000L, "counter", 3100L));
        assertNull(s.memory().field1(), "fields are not reported at full speed");
        assertEquals(3100, s.memory().counter());
        assertTrue(s.caption().contains("900 lost so far"), s.caption());
    }

    @Test
    void resultsOfEveryRoundAreKeptInOrderAndTheEndComparesThem() {
        apply(ev("round-skipped", PARENT, "round", 1), ev("round-skipped", PARENT, "round", 2));
        startRound(3, false, false);
        apply(ev("race-result", PARENT, "round", 3, "locked", false, "byHand", false, "yieldInjected", true,
                "expected", 40000L, "final", 31000L, "lost", 9000L, "checks", 10L, "torn", 4L));
        startRound(4, true, false);
        RaceState s = apply(ev("race-result", PARENT, "round", 4, "locked", true, "byHand", false, "yieldInjected", true,
                "expected", 40000L, "final", 40000L, "lost", 0L, "checks", 10L, "torn", 0L));
        assertTrue(s.caption().contains("nothing lost"), s.caption());
        assertEquals(List.of(1, 2, 3, 4), s.results().stream().map(RaceState.Result::round).toList());
        assertTrue(s.results().get(0).skipped());
        assertEquals(9000, s.results().get(2).lost());
        s = apply(ev("step", PARENT, "name", "parent: all rounds done"));
        assertTrue(s.caption().contains("9,000 of 40,000 lost") && s.caption().contains("0 of 40,000 lost"), s.caption());
    }

    @Test
    void kernelStatesAndExitsReachTheRightProcess() {
        startRound(2, true, true);
        RaceState s = apply(ProbeEvent.kernel("state", t++, B, Map.of("state", "S", "wchan", "futex_do_wait")),
                ev("exit", A, "code", 0));
        assertEquals('S', worker(s, "B").state());
        assertEquals("futex_do_wait", worker(s, "B").wchan());
        assertTrue(worker(s, "A").exited());
    }

    @Test
    void stepButtonsReleaseOnlyAProcessThatWaitsAtAStepPoint() {
        List<String> sent = new ArrayList<>();
        List<StepGates.Gate> waiting = new ArrayList<>(List.of(new StepGates.Gate(PARENT, "parent: round 1: by hand", 1)));
        model.attach(new ProbeControl() {
            public boolean live() { return true; }
            public boolean command(int pid, String name, Map<String, Object> args) {
                sent.add(pid + " " + name);
                return true;
            }
            public void signal(int pid, int signo) { }
            public List<StepGates.Gate> waiting() { return List.copyOf(waiting); }
        });
        assertEquals(PARENT, model.parentPid(), "found from its step point before any round started");
        assertTrue(model.canSkip());
        assertTrue(model.skipRound());
        waiting.clear();
        startRound(1, false, true);
        assertFalse(model.stepRole("A"), "A is not at a step point");
        waiting.add(new StepGates.Gate(A, "A: read counter", 2));
        assertFalse(model.canSkip());
        assertTrue(model.stepRole("A"));
        assertFalse(model.stepRole("C"), "no such role");
        assertEquals(List.of(PARENT + " skip", A + " go"), sent);
    }

    @Test
    void aRoleThatArrivesBeforeItsRoundIsKept() {
        startRound(1, false, true);
        RaceState s = apply(ev("role", 201, "name", "A", "round", 2),
                ev("round", PARENT, "round", 2, "title", "round 2: test", "locked", true, "byHand", true, "perWorker", 2),
                ev("role", 202, "name", "B", "round", 2));
        assertEquals(List.of(201, 202), s.workers().stream().map(RaceState.Worker::pid).toList(),
                "round 1's R is gone, round 2's A (early) and B are there");
    }

    @Test
    void resetForgetsEverything() {
        startRound(3, false, false);
        apply(ev("progress", A, "done", 2000L, "of", 20000L, "counter", 3000L));
        model.reset();
        model.publish();
        assertEquals(RaceState.EMPTY, model.stateProperty().get());
    }
}
