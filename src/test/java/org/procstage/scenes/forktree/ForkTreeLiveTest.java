package org.procstage.scenes.forktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.indexOf;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real fork-tree probe and checks the trace against what the kernel did. */
class ForkTreeLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new ForkTreeScenario());
        events = run.trace().events();
    }

    @Test
    void forksAtLeastThreeRealDistinctProcessesAndExecs() {
        List<ProbeEvent> forks = ofType(events, "fork");
        assertTrue(forks.size() >= 3, "forks: " + forks);
        Set<Integer> children = new HashSet<>();
        forks.forEach(f -> children.add(f.intField("child", 0)));
        assertEquals(forks.size(), children.size(), "every fork made a distinct pid");
        long selfPid = ProcessHandle.current().pid();
        children.forEach(c -> assertTrue(c > 0 && c != selfPid));
        ProbeEvent exec = ofType(events, "exec").get(0);
        assertTrue(children.contains(exec.pid()), "a forked child execs");
        // The kernel confirms the new program under the same pid.
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("state") && e.pid() == exec.pid()
                && "sleep".equals(e.str("comm", ""))), "kernel shows comm 'sleep' for pid " + exec.pid());
    }

    @Test
    void aZombieIsObservedByTheKernelBeforeItsReap() {
        ProbeEvent reapOfA = events.stream().filter(e -> e.is("reap") && e.intField("code", -1) == 3).findFirst()
                .orElseThrow();
        int child = reapOfA.intField("child", 0);
        int zombieAt = indexOf(events, e -> e.fromKernel() && e.is("state") && e.pid() == child
                && "Z".equals(e.str("state", "")));
        assertTrue(zombieAt >= 0, "state Z observed for " + child);
        assertTrue(zombieAt < events.indexOf(reapOfA), "Z before reap");
        assertTrue(events.get(zombieAt).t() < reapOfA.t());
    }

    @Test
    void theOrphanIsReparentedToTheParentTheKernelReports() {
        ProbeEvent reparent = ofType(events, "reparent").get(0);
        assertTrue(reparent.fromKernel());
        int to = reparent.intField("to", 0);
        // The stage (our subreaper) launched the probe; the kernel's answer must be a real pid.
        int stage = ofType(events, "launch").get(0).pid();
        assertEquals(stage, to, "adopted by the subreaper stage, as /proc reported");
        // The orphan itself saw the same parent through getppid().
        ProbeEvent seen = events.stream().filter(e -> e.is("getppid") && e.pid() == reparent.pid()).findFirst()
                .orElseThrow();
        assertEquals(to, seen.intField("ppid", 0));
        assertTrue(events.stream().anyMatch(e -> e.is("reap") && e.intField("child", 0) == reparent.pid()
                && e.pid() == to), "the new parent reaps the orphan");
    }

    @Test
    void everyProcessIsReapedAndNoneSurvivesTheRun() {
        Set<Integer> reaped = new HashSet<>();
        ofType(events, "reap").forEach(r -> reaped.add(r.intField("child", 0)));
        ofType(events, "fork").forEach(f -> assertTrue(reaped.contains(f.intField("child", 0))));
        assertTrue(ofType(events, "run-end").size() == 1);
        Processes.assertAllGone(run.pids());
    }

    @Test
    void theReducerEndsWithAnEmptyTreeButTheStage() {
        ForkTreeViewModel model = new ForkTreeViewModel();
        events.forEach(model::apply);
        model.publish();
        assertEquals(1, model.processes().size(), "only the stage remains: " + model.processes());
        assertTrue(model.processes().get(0).stage());
    }
}
