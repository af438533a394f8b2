package org.procstage.scenes.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real race probe unpaced (as `record race` does) and checks the trace. */
class RaceLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new RaceScenario());
        events = run.trace().events();
    }

    private static ProbeEvent result(boolean locked) {
        return ofType(events, "race-result").stream().filter(e -> e.bool("locked") == locked).findFirst().orElseThrow();
    }

    @Test
    void withoutTheLockUpdatesAreLostAndTheArithmeticAddsUp() {
        ProbeEvent r = result(false);
        long expected = r.longField("expected", 0);
        assertEquals(40_000, expected, "2 workers x 20,000 increments");
        assertTrue(r.longField("lost", 0) > 0, "lost updates without the lock: " + r);
        assertEquals(expected - r.longField("lost", 0), r.longField("final", -1));
        assertTrue(r.bool("yieldInjected"), "the trace says a yield was injected");
    }

    @Test
    void withTheLockNothingIsLostAndNothingTorn() {
        ProbeEvent r = result(true);
        assertEquals(0, r.longField("lost", -1), r.toString());
        assertEquals(r.longField("expected", 0), r.longField("final", -1));
        assertEquals(0, r.longField("torn", -1), "the reader, holding the lock too, never sees half an update");
        assertTrue(r.longField("checks", 0) > 0, "the reader did check: " + r);
    }

    @Test
    void anUnpacedRunPlaysOnlyTheFullSpeedRoundsAndStaysSmall() {
        assertEquals(List.of(3, 4), ofType(events, "round").stream().map(e -> e.intField("round", 0)).toList());
        assertTrue(events.size() < 2000, "per-batch progress, not per increment: " + events.size() + " events");
        List<ProbeEvent> progress = ofType(events, "progress");
        assertTrue(progress.size() >= 20, "A and B report progress in both rounds: " + progress.size());
        assertTrue(progress.stream().allMatch(e -> e.longField("done", 0) <= e.longField("of", 0)));
    }

    @Test
    void inTheLockedRoundTheKernelShowsAWaiterAsleepInAFutexWait() {
        Set<Integer> lockedRoundPids = new HashSet<>();
        ofType(events, "role").stream().filter(e -> e.intField("round", 0) == 4).forEach(e -> lockedRoundPids.add(e.pid()));
        assertEquals(3, lockedRoundPids.size());
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("state") && lockedRoundPids.contains(e.pid())
                && "S".equals(e.str("state", "")) && e.str("wchan", "").contains("futex")),
                "state S with a futex wait channel for a process of the locked round");
    }

    @Test
    void everyProcessIsReapedAndNoneSurvives() {
        Recordings.assertCleanEnd(run);
    }

    @Test
    void theReducerShowsBothResults() {
        RaceViewModel model = new RaceViewModel();
        events.forEach(model::apply);
        model.publish();
        RaceState s = model.stateProperty().get();
        assertEquals(2, s.results().size());
        assertTrue(s.results().get(0).lost() > 0);
        assertEquals(0, s.results().get(1).lost());
        assertTrue(s.caption().startsWith("Same code, only the lock differs"), s.caption());
    }

    /** The worst case for a race without the injected yield: both processes on one CPU. */
    @Test
    void pinnedToOneCpuTheUnlockedRoundStillLosesUpdates() throws Exception {
        Path taskset = Path.of("/usr/bin/taskset");
        Assumptions.assumeTrue(taskset.toFile().canExecute(), "taskset (util-linux) is not installed");
        Path probe = new ProbeInstaller().probe("race");
        Process p = new ProcessBuilder(taskset.toString(), "-c", "0", probe.toString())
                .redirectErrorStream(true).start();
        String out = readAll(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finishes");
        Matcher m = Pattern.compile("NO lock: expected (\\d+), counter (\\d+), lost (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(3)) > 0, out);
        assertTrue(out.contains("WITH the lock: expected 40000, counter 40000, lost 0"), out);
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
