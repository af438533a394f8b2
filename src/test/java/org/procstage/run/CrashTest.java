package org.procstage.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.forktree.ForkTreeViewModel;
import org.procstage.testing.Processes;

/** Probes that crash show as crashed processes; the run still ends and leaves nothing behind. */
class CrashTest {

    @Test
    void aSegfaultAndAnAbortAreReportedAsCrashes() throws Exception {
        List<ProbeEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunSpec spec = new RunSpec("crash", "crash", List.of(), false, 4, List.of());
        java.util.Set<Integer> pids;
        try (ProcessStarter starter = new ProcessStarter();
             LiveRun run = LiveRun.start(spec, new ProbeInstaller(), starter, events::add, m -> { })) {
            assertTrue(run.awaitEnd(30, TimeUnit.SECONDS), "the run ends although its probes crashed");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (events.stream().noneMatch(e -> e.is("run-end")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            pids = run.pids();
        }
        List<ProbeEvent> reaps;
        synchronized (events) {
            reaps = events.stream().filter(e -> e.is("reap")).toList();
        }
        assertTrue(reaps.stream().anyMatch(r -> r.intField("signal", 0) == 11), "SIGSEGV reaped: " + reaps);
        assertTrue(reaps.stream().anyMatch(r -> r.intField("signal", 0) == 6 && "probe".equals(r.str("role", ""))),
                "the stage reaped the aborted root: " + reaps);

        ForkTreeViewModel model = new ForkTreeViewModel();
        synchronized (events) {
            events.stream().sorted(java.util.Comparator.comparingLong(ProbeEvent::t)).forEach(model::apply);
        }
        model.publish();
        assertEquals(2, model.crashes().size(), "both crashes are shown: " + model.crashes());
        Processes.assertAllGone(pids);
    }
}
