package org.procstage.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

/** Which process a Step lets go, and what happens to commands sent between step points. */
class StepGatesTest {
    private final List<String> sent = new ArrayList<>();
    private final StepGates gates = new StepGates((pid, cmd) -> sent.add(pid + ":" + cmd.get("cmd")));
    private long t;

    private void step(int pid, String name) {
        gates.onEvent(ProbeEvent.probe("step", ++t, pid, Map.of("name", name, "paced", true, "line", 7)));
    }

    @Test
    void stepReleasesTheLongestWaitingProcessFirst() {
        step(10, "a");
        step(20, "b");
        step(30, "c");
        assertEquals(10, gates.releaseOldest().orElseThrow().pid());
        assertEquals(20, gates.releaseOldest().orElseThrow().pid());
        assertEquals(List.of("10:go", "20:go"), sent);
        assertEquals(1, gates.count());
    }

    @Test
    void aSceneCommandReleasesExactlyThatProcess() {
        step(10, "a");
        step(20, "b");
        gates.release(20, "write", Map.of("page", 3));
        assertEquals(List.of("20:write"), sent);
        assertEquals(10, gates.waiting().get(0).pid());
    }

    @Test
    void unpacedStepsNeverWait() {
        gates.onEvent(ProbeEvent.probe("step", 1, 10, Map.of("name", "x", "paced", false)));
        assertTrue(gates.releaseOldest().isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aCommandSentBetweenStepsIsTakenByTheNextStepWhichThenDoesNotWait() {
        gates.credit(10);
        step(10, "takes the command");
        assertEquals(0, gates.count(), "the probe did not stop there: it had its command already");
        step(10, "next");
        assertEquals(1, gates.count());
    }

    @Test
    void aProcessThatGoesAwayStopsWaiting() {
        step(10, "a");
        gates.credit(20);
        gates.forget(10);
        gates.forget(20);
        assertEquals(0, gates.count());
        step(20, "b");
        assertEquals(1, gates.count(), "forgotten credits do not swallow later steps");
    }
}
