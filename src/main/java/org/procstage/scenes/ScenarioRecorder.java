package org.procstage.scenes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.LiveRun;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProbeMissingException;
import org.procstage.run.ProcessStarter;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceHeader;

/** Records one unpaced live run of a scenario to its end (used by `record`, `snapshot` and tests). */
public final class ScenarioRecorder {
    /** A recorded run and every pid it used, for checking that none survived. */
    public record Recording(Trace trace, java.util.Set<Integer> pids) {
    }

    private ScenarioRecorder() {
    }

    public static Recording record(Scenario scenario, ProbeInstaller installer, Consumer<String> problems)
            throws IOException, ProbeMissingException, InterruptedException {
        List<ProbeEvent> events = Collections.synchronizedList(new ArrayList<>());
        TraceHeader header = TraceHeader.now(scenario.id());
        java.util.Set<Integer> pids;
        try (ProcessStarter starter = new ProcessStarter();
             LiveRun run = LiveRun.start(scenario.runSpec(false), installer, starter, events::add, problems)) {
            if (!run.awaitEnd(60, TimeUnit.SECONDS)) {
                problems.accept("warning: " + scenario.id() + " did not finish within 60 s; stopped it");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline && !sawRunEnd(events)) {
                Thread.sleep(10);
            }
            // run-end comes from the stage's own connection; a probe's connection may not even be
            // accepted yet, or its reader may still be delivering its last lines. Closing the run
            // now would lose them: wait until every process started has said hello and every
            // connection has ended.
            while (System.nanoTime() < deadline && !(everyChildSaidHello(events) && run.drained())) {
                Thread.sleep(10);
            }
            pids = run.pids();
        }
        List<ProbeEvent> ordered;
        synchronized (events) {
            ordered = new ArrayList<>(events);
        }
        ordered.sort(Comparator.comparingLong(ProbeEvent::t));
        return new Recording(new Trace(header, ordered), pids);
    }

    private static boolean everyChildSaidHello(List<ProbeEvent> events) {
        synchronized (events) {
            java.util.Set<Integer> started = new java.util.HashSet<>();
            java.util.Set<Integer> greeted = new java.util.HashSet<>();
            for (ProbeEvent e : events) {
                if (e.is("launch") || e.is("fork")) {
                    started.add(e.intField("child", 0));
                } else if (e.is("hello")) {
                    greeted.add(e.pid());
                }
            }
            return greeted.containsAll(started);
        }
    }

    /** Streams over a synchronized list must hold its lock: events still arrive from other threads. */
    private static boolean sawRunEnd(List<ProbeEvent> events) {
        synchronized (events) {
            return events.stream().anyMatch(e -> e.is("run-end"));
        }
    }
}
