package org.procstage.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.testing.Processes;

/** A probe that forks without end is stopped at its scenario's process limit. */
class ProcessLimitTest {

    @Test
    void forksBeyondTheLimitAreRefused() throws Exception {
        List<ProbeEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        RunSpec spec = new RunSpec("fork-flood", "fork-flood", List.of("50"), false, 5, List.of());
        java.util.Set<Integer> pids;
        try (ProcessStarter starter = new ProcessStarter();
             LiveRun run = LiveRun.start(spec, new ProbeInstaller(), starter, events::add, problems::add)) {
            assertTrue(run.awaitEnd(30, TimeUnit.SECONDS), "the run ends by itself");
            pids = run.pids();
        }
        List<ProbeEvent> made = events.stream().filter(e -> e.is("made")).toList();
        assertEquals(1, made.size(), "events: " + events.size() + " problems: " + problems);
        assertEquals(4, made.get(0).intField("children", -1), "5 processes in all: the root and 4 children");
        assertEquals(4, events.stream().filter(e -> e.is("fork")).count());
        assertEquals(46, events.stream().filter(e -> e.is("limit")).count(), "every refused fork is reported");
        Processes.assertAllGone(pids);
    }
}
