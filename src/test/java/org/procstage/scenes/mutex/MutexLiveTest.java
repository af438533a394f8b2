package org.procstage.scenes.mutex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real mutex probe unpaced (as `record mutex` does) and checks the trace. */
class MutexLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    /** One critical section: from acquired to release. */
    private record Section(int pid, long start, long end, int grant) {
    }

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new MutexScenario());
        events = run.trace().events();
    }

    private static List<Section> sections() {
        List<Section> out = new ArrayList<>();
        for (ProbeEvent a : ofType(events, "acquired")) {
            ProbeEvent release = events.stream().filter(e -> e.is("release") && e.pid() == a.pid() && e.t() > a.t())
                    .findFirst().orElseThrow(() -> new AssertionError("no release after " + a));
            out.add(new Section(a.pid(), a.t(), release.t(), a.intField("grant", -1)));
        }
        return out;
    }

    @Test
    void criticalSectionsNeverOverlap() {
        List<Section> s = sections();
        assertEquals(7, s.size(), "the main process's fast path + 3 workers x 2 entries");
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i - 1).end() < s.get(i).start(), "section " + s.get(i - 1) + " ends before " + s.get(i));
        }
        // And in the trace's order: acquired and release strictly alternate.
        String order = events.stream().filter(e -> e.is("acquired") || e.is("release")).map(ProbeEvent::type)
                .reduce("", (a, b) -> a + (b.equals("acquired") ? "A" : "R"));
        assertEquals("AR".repeat(7), order);
    }

    @Test
    void aWaiterIsSeenAsleepInAFutexWaitWhileAnotherHoldsTheLock() {
        List<Section> s = sections();
        boolean seen = events.stream().filter(e -> e.fromKernel() && e.is("state") && "S".equals(e.str("state", ""))
                && e.str("wchan", "").contains("futex"))
                .anyMatch(st -> s.stream().anyMatch(sec -> sec.pid() != st.pid() && sec.start() < st.t() && st.t() < sec.end()));
        assertTrue(seen, "a kernel sample of state S in a futex wait, inside another process's critical section");
        // Each such waiter had said it was blocked, and got the lock later.
        ProbeEvent blocked = ofType(events, "blocked").get(0);
        assertTrue(events.stream().anyMatch(e -> e.is("acquired") && e.pid() == blocked.pid() && e.t() > blocked.t()
                && e.bool("contended")));
    }

    @Test
    void theLogHasWholeLinesInTheOrderTheLockWasGranted() {
        ProbeEvent log = ofType(events, "log-file").get(0);
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) log.fields().get("lines");
        Pattern whole = Pattern.compile("grant (\\d+): ([ABC]) pid (\\d+) entry ([12])/2");
        List<Integer> linePids = new ArrayList<>();
        List<Integer> grants = new ArrayList<>();
        for (String line : lines) {
            Matcher m = whole.matcher(line);
            assertTrue(m.matches(), "a whole line, nothing cut in: '" + line + "'");
            grants.add(Integer.parseInt(m.group(1)));
            linePids.add(Integer.parseInt(m.group(3)));
        }
        int main = ofType(events, "acquired").get(0).pid();
        List<Integer> grantedTo = ofType(events, "acquired").stream().map(ProbeEvent::pid).filter(p -> p != main).toList();
        assertEquals(grantedTo, linePids, "lines in the order of the acquired events");
        assertEquals(List.of(1, 2, 3, 4, 5, 6), grants);
    }

    @Test
    void theFastPathNeedsNoSleepAndAContendedLockDoes() {
        ProbeEvent fast = ofType(events, "acquired").get(0);
        assertFalse(fast.bool("contended"));
        assertEquals(fast.longField("switchesBefore", -1), fast.longField("switchesAfter", -2),
                "an uncontended lock: voluntary context switches unchanged");
        assertTrue(ofType(events, "acquired").stream().anyMatch(e -> e.bool("contended")
                && e.longField("switchesAfter", 0) > e.longField("switchesBefore", 0)),
                "a contended lock slept: voluntary context switches went up");
    }

    @Test
    void everyProcessIsReapedAndNoneSurvives() {
        Recordings.assertCleanEnd(run);
    }

    @Test
    void theReducerEndsWithAFreeLockAndTheFile() {
        MutexViewModel model = new MutexViewModel();
        events.forEach(model::apply);
        model.publish();
        MutexState s = model.stateProperty().get();
        assertEquals(0, s.owner());
        assertTrue(s.queue().isEmpty());
        assertEquals(6, s.file().size());
        assertTrue(s.timeline().stream().noneMatch(MutexState.Segment::open));
        assertTrue(s.futexSamples().size() > 0);
    }
}
