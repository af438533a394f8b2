package org.procstage.scenes.semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.PacedRuns;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real semaphore probe and checks the trace against what the semaphore promises. */
class SemaphoreLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new SemaphoreScenario());
        events = run.trace().events();
    }

    private static boolean onSem(ProbeEvent e, String type) {
        return e.is(type) && !e.fromKernel() && "sem".equals(e.str("lock", ""));
    }

    @Test
    void neverMoreThanThreeInsideAtOnceAndEveryoneGetsIn() {
        int inside = 0;
        int most = 0;
        Set<Integer> in = new HashSet<>();
        Set<Integer> placesTaken = new HashSet<>();
        for (ProbeEvent e : events) { // sorted by time: "acquired" after sem_wait, "release" before sem_post
            if (onSem(e, "acquired")) {
                inside++;
                in.add(e.pid());
                int place = e.intField("place", -1);
                assertTrue(place >= 0 && place < 3, "a free place existed for " + e);
                assertTrue(placesTaken.add(place), "place " + place + " was free");
            } else if (onSem(e, "release")) {
                inside--;
                placesTaken.remove(e.intField("place", -1));
            }
            most = Math.max(most, inside);
            assertTrue(inside <= 3, "at most 3 inside, got " + inside + " at " + e);
        }
        assertEquals(3, most, "the room was full at some point");
        assertEquals(10, in.size(), "all ten workers got in");
        assertEquals(0, inside);
    }

    @Test
    void someWorkersBlockedAndGotInOnlyLater() {
        List<ProbeEvent> blocked = events.stream().filter(e -> onSem(e, "blocked")).toList();
        assertTrue(blocked.size() >= 1, "at least one worker blocked");
        for (ProbeEvent b : blocked) {
            ProbeEvent in = events.stream().filter(e -> onSem(e, "acquired") && e.pid() == b.pid()).findFirst()
                    .orElseThrow();
            assertTrue(in.t() > b.t());
            assertEquals(0, b.intField("value", -1), "blocked only when the value was 0");
        }
    }

    @Test
    void theKernelShowsABlockedWorkerAsleepOnTheSemaphoresFutex() {
        String semAddr = ofType(events, "shared").get(0).str("addr", "");
        Map<Integer, long[]> blockedSpan = new HashMap<>();
        for (ProbeEvent e : events) {
            if (onSem(e, "blocked")) {
                blockedSpan.put(e.pid(), new long[] {e.t(), Long.MAX_VALUE});
            } else if (onSem(e, "acquired") && blockedSpan.containsKey(e.pid())) {
                blockedSpan.get(e.pid())[1] = e.t();
            }
        }
        List<ProbeEvent> asleep = events.stream().filter(e -> e.fromKernel() && e.is("state")
                && "S".equals(e.str("state", "")) && e.str("wchan", "").contains("futex")
                && blockedSpan.containsKey(e.pid()) && e.t() > blockedSpan.get(e.pid())[0]
                && e.t() < blockedSpan.get(e.pid())[1]).toList();
        assertTrue(!asleep.isEmpty(), "a blocked worker seen in state S with a futex wchan");
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("futex") && semAddr.equals(e.str("addr", ""))
                && blockedSpan.containsKey(e.pid())), "/proc/PID/syscall shows a futex wait at the semaphore " + semAddr);
    }

    @Test
    void theValueStaysBetweenZeroAndThreeAndEndsAtThree() {
        events.stream().filter(e -> onSem(e, "sem-wait") || onSem(e, "sem-post"))
                .forEach(e -> assertTrue(e.intField("value", -1) >= 0 && e.intField("value", -1) <= 3, e.toString()));
        ProbeEvent done = ofType(events, "done").get(0);
        assertEquals(3, done.intField("value", -1));
        assertEquals(10, done.intField("workers", -1));
    }

    @Test
    void everyProcessIsReapedAndNoneSurvives() {
        assertEquals(10, ofType(events, "fork").size());
        Recordings.assertCleanEnd(run);
    }

    @Test
    void theReducerEndsWithAnEmptyRoomAndTheWholeStory() {
        SemaphoreViewModel model = new SemaphoreViewModel();
        events.forEach(model::apply);
        model.publish();
        SemaphorePicture p = model.pictureProperty().get();
        assertEquals(10, p.workers().size());
        assertTrue(p.workers().stream().allMatch(w -> w.phase() == Worker.Phase.DONE), p.workers().toString());
        assertEquals(3, p.maxInside());
        assertEquals(0, p.insideNow());
        assertTrue(p.queue().isEmpty());
        assertEquals(3, p.value());
        assertTrue(p.workers().stream().anyMatch(Worker::waited));
    }

    @Test
    void aPacedRunCannotDeadlockWhenStepped() throws Exception {
        SemaphoreScenario scenario = new SemaphoreScenario();
        SemaphoreViewModel model = new SemaphoreViewModel();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, model,
                     LiveRunFactory.of(new ProbeInstaller(), starter), Runnable::run)) {
            player.startLive(true);
            int steps = PacedRuns.stepToEnd(player, 200);
            List<ProbeEvent> paced = player.events();
            assertEquals(1, ofType(paced, "run-end").size());
            assertEquals(10, paced.stream().filter(e -> onSem(e, "release")).count());
            assertTrue(paced.stream().anyMatch(e -> onSem(e, "blocked")), "stepping in order makes the later ones block");
            Set<Integer> pids = new HashSet<>();
            paced.forEach(e -> pids.add(e.pid()));
            Processes.assertAllGone(pids);
        }
    }
}
