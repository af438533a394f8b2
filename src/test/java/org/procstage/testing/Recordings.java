package org.procstage.testing;

import java.util.ArrayList;
import java.util.List;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioRecorder;

/** Runs a scenario's real probes once, unpaced, for integration tests. */
public final class Recordings {
    private static final ProbeInstaller INSTALLER = new ProbeInstaller();

    private Recordings() {
    }

    public static ScenarioRecorder.Recording record(Scenario scenario) throws Exception {
        List<String> problems = new ArrayList<>();
        ScenarioRecorder.Recording r = ScenarioRecorder.record(scenario, INSTALLER, problems::add);
        if (!problems.isEmpty()) {
            throw new AssertionError("the run reported problems: " + problems);
        }
        return r;
    }

    /**
     * The run ended cleanly: one run-end, every forked child reaped by someone, and not one of
     * the run's processes left alive, not even as a zombie.
     */
    public static void assertCleanEnd(ScenarioRecorder.Recording run) {
        List<ProbeEvent> events = run.trace().events();
        java.util.Set<Integer> reaped = new java.util.HashSet<>();
        ofType(events, "reap").forEach(r -> reaped.add(r.intField("child", 0)));
        ofType(events, "fork").forEach(f -> org.junit.jupiter.api.Assertions.assertTrue(
                reaped.contains(f.intField("child", 0)), "pid " + f.intField("child", 0) + " was never reaped"));
        org.junit.jupiter.api.Assertions.assertEquals(1, ofType(events, "run-end").size(), "exactly one run-end");
        Processes.assertAllGone(run.pids());
    }

    /**
     * Saves the trace, reads it back, and checks the scene shows the same picture after every
     * step of both: what a student replays is what the class saw live.
     */
    public static void assertSavedTraceReplaysTheSame(org.procstage.trace.Trace trace, java.nio.file.Path dir,
            java.util.function.BiFunction<List<ProbeEvent>, Integer, Object> pictureAfterSteps) throws Exception {
        java.nio.file.Path file = dir.resolve(trace.header().scenario() + ".ndjson");
        org.procstage.protocol.EventCodec codec = new org.procstage.protocol.EventCodec();
        new org.procstage.trace.TraceWriter(codec).write(file, trace);
        org.procstage.trace.Trace back = new org.procstage.trace.TraceReader(codec).read(file);
        org.junit.jupiter.api.Assertions.assertTrue(back.error().isEmpty(), "read back cleanly: " + back.error());
        org.junit.jupiter.api.Assertions.assertEquals(trace.events().size(), back.events().size());
        int steps = org.procstage.session.StepBoundaries.count(trace.events());
        for (int n = 0; n <= steps; n++) {
            org.junit.jupiter.api.Assertions.assertEquals(pictureAfterSteps.apply(trace.events(), n),
                    pictureAfterSteps.apply(back.events(), n), "after step " + n);
        }
    }

    public static List<ProbeEvent> ofType(List<ProbeEvent> events, String type) {
        return events.stream().filter(e -> e.is(type)).toList();
    }

    public static int indexOf(List<ProbeEvent> events, java.util.function.Predicate<ProbeEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
