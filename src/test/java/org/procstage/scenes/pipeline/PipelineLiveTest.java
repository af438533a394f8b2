package org.procstage.scenes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.scenes.fdtable.FdEnd;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real pipeline probe: the sentence really goes through four processes and five pipes. */
class PipelineLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new PipelineScenario());
        events = run.trace().events();
    }

    private static Map<String, Integer> filterPids(List<ProbeEvent> trace) {
        return trace.stream().filter(e -> e.is("filter")).collect(Collectors.toMap(e -> e.str("name", ""), ProbeEvent::pid));
    }

    @Test
    void theOutputIsTheSentenceInCamelCase() {
        assertEquals(PipelineScenario.DEFAULT_SENTENCE, ofType(events, "sentence").get(0).str("text", ""));
        assertEquals("theQuickBrownFoxJumpsOverTheLazyDog", ofType(events, "output").get(0).str("text", ""));
    }

    @Test
    void fourDistinctRealProcessesEachStartedExitedAndWereReaped() {
        Map<String, Integer> filters = filterPids(events);
        assertEquals(Set.of("split", "capitalise", "merge", "lower-first"), filters.keySet());
        assertEquals(4, new HashSet<>(filters.values()).size(), "four distinct pids: " + filters);
        int root = ofType(events, "output").get(0).pid();
        Set<Integer> forked = ofType(events, "fork").stream().filter(e -> e.pid() == root)
                .map(e -> e.intField("child", 0)).collect(Collectors.toSet());
        for (int pid : filters.values()) {
            assertTrue(pid != root && forked.contains(pid), "forked by the root: " + pid);
            assertTrue(events.stream().anyMatch(e -> e.is("hello") && e.pid() == pid), "hello from " + pid);
            assertTrue(events.stream().anyMatch(e -> e.is("exit") && e.pid() == pid && e.intField("code", -1) == 0));
            assertTrue(events.stream().anyMatch(e -> e.is("reap") && e.pid() == root && e.intField("child", 0) == pid),
                    "root reaped " + pid);
            assertTrue(events.stream().anyMatch(e -> e.is("state") && e.fromKernel() && e.pid() == pid),
                    "the kernel saw " + pid);
        }
        Processes.assertAllGone(run.pids());
    }

    @Test
    void eachFilterEndsUpHoldingExactlyItsTwoPipeEndsAsTheKernelShowsThem() {
        Map<Long, Integer> pipeOfInode = ofType(events, "pipe-made").stream()
                .collect(Collectors.toMap(e -> e.longField("inode", 0), e -> e.intField("pipe", -1)));
        filterPids(events).forEach((name, pid) -> {
            int index = events.stream().filter(e -> e.is("filter") && e.pid() == pid).findFirst().orElseThrow()
                    .intField("index", -1);
            // A filter starts with every pipe end inherited, closes the others, works, and closes
            // its own two at the end: the kernel must have shown it holding exactly its two ends.
            List<ProbeEvent> tables = events.stream().filter(e -> e.is("fds") && e.fromKernel() && e.pid() == pid)
                    .toList();
            assertTrue(tables.stream().anyMatch(table -> holdsExactly(table, pipeOfInode, index)),
                    name + " never seen holding exactly fd 0 <- pipe " + index + " and fd 1 -> pipe " + (index + 1)
                            + ": " + tables);
        });
    }

    private static boolean holdsExactly(ProbeEvent table, Map<Long, Integer> pipeOfInode, int index) {
        List<FdEnd> ours = FdEnd.parseAll(table.str("ends", "")).stream()
                .filter(end -> end.pipeInode().isPresent() && pipeOfInode.containsKey(end.pipeInode().getAsLong()))
                .toList();
        if (ours.size() != 2) {
            return false;
        }
        FdEnd in = ours.get(0);
        FdEnd out = ours.get(1);
        return in.fd() == 0 && in.reads() && !in.writes() && pipeOfInode.get(in.pipeInode().getAsLong()) == index
                && out.fd() == 1 && out.writes() && !out.reads()
                && pipeOfInode.get(out.pipeInode().getAsLong()) == index + 1;
    }

    @Test
    void pipesFillAndDrainAndFiltersBlockOnInput() {
        assertEquals(65536, ofType(events, "pipe-info").get(0).intField("capacity", 0));
        assertEquals(4096, ofType(events, "pipe-info").get(0).intField("pipeBuf", 0));
        List<ProbeEvent> fills = ofType(events, "pipe-fill");
        assertTrue(fills.stream().anyMatch(e -> e.intField("bytes", 0) > 0), "FIONREAD saw bytes waiting");
        assertTrue(fills.stream().allMatch(e -> "ioctl FIONREAD".equals(e.str("by", ""))));
        Set<Integer> filters = new HashSet<>(filterPids(events).values());
        long blocked = events.stream().filter(e -> e.fromKernel() && e.is("state") && filters.contains(e.pid())
                && e.str("wchan", "").contains("pipe_read")).map(ProbeEvent::pid).distinct().count();
        assertTrue(blocked >= 2, "filters seen asleep on an empty input pipe: " + blocked);
        // Every pipe ends in end of file for its reader.
        assertEquals(5, ofType(events, "eof").stream().map(e -> e.intField("pipe", -1)).distinct().count());
    }

    @Test
    void aTypedSentenceIsTheOneThatFlows() throws Exception {
        PipelineScenario scenario = new PipelineScenario();
        PipelineViewModel model = (PipelineViewModel) scenario.createModel();
        model.requestedSentenceProperty().set("pipes  join Small programs");
        ScenarioRecorder.Recording custom = Recordings.record(scenario);
        assertEquals("pipesJoinSmallPrograms", ofType(custom.trace().events(), "output").get(0).str("text", ""));
        custom.trace().events().forEach(model::apply);
        model.publish();
        assertEquals("pipesJoinSmallPrograms", model.pictureProperty().get().output());
        Processes.assertAllGone(custom.pids());
    }
}
