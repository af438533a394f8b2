package org.procstage.scenes.forktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;

/** The tree reducer on hand-made event sequences: fork, exec, exit, zombie, reap, reparent. */
class ForkTreeViewModelTest {
    private ForkTreeViewModel model;
    private long t;

    @BeforeEach
    void setUp() {
        model = new ForkTreeViewModel();
        probe("hello", 10, Map.of("ppid", 1, "comm", "procstage-stage"));
        probe("launch", 10, Map.of("child", 100));
        probe("hello", 100, Map.of("ppid", 10, "comm", "fork-tree"));
        probe("vars", 100, Map.of("global", 42, "local", 10));
    }

    private void probe(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.probe(type, ++t, pid, fields));
    }

    private void kernel(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.kernel(type, ++t, pid, fields));
    }

    private ProcessNode node(int pid) {
        model.publish();
        return model.processes().stream().filter(n -> n.pid() == pid).findFirst().orElse(null);
    }

    @Test
    void forkAddsAChildWithACopyOfTheParentsVariables() {
        probe("fork", 100, Map.of("child", 101));
        ProcessNode child = node(101);
        assertEquals(100, child.ppid());
        assertEquals(42, child.global());
        assertEquals(10, child.local());
        probe("vars", 101, Map.of("global", 43, "local", 11));
        assertEquals(43, node(101).global());
        assertEquals(42, node(100).global(), "the parent's copy is untouched");
    }

    @Test
    void execKeepsThePidAndReplacesTheProgramAndItsMemory() {
        probe("fork", 100, Map.of("child", 101));
        probe("exec", 101, Map.of("path", "/bin/sleep"));
        assertEquals("sleep", node(101).program());
        assertEquals(null, node(101).global());
    }

    @Test
    void exitAloneIsNotAZombieTheKernelSaysWhen() {
        probe("fork", 100, Map.of("child", 101));
        probe("exit", 101, Map.of("code", 3));
        assertTrue(node(101).exited());
        assertFalse(node(101).zombie());
        kernel("state", 101, Map.of("state", "Z", "ppid", 100, "wchan", "", "comm", "fork-tree"));
        assertTrue(node(101).zombie());
        assertEquals(3, node(101).exitCode());
    }

    @Test
    void reapRemovesTheChildAndLateKernelReadingsDoNotBringItBack() {
        probe("fork", 100, Map.of("child", 101));
        probe("reap", 100, Map.of("child", 101, "code", 3));
        assertEquals(null, node(101));
        kernel("state", 101, Map.of("state", "Z", "ppid", 100, "wchan", "", "comm", "x"));
        assertEquals(null, node(101));
        assertTrue(model.actionProperty().get().contains("exit code 3"));
    }

    @Test
    void reparentMovesTheOrphanToItsNewParent() {
        probe("fork", 100, Map.of("child", 101));
        probe("fork", 101, Map.of("child", 102));
        probe("exit", 101, Map.of("code", 0));
        kernel("reparent", 102, Map.of("from", 101, "to", 10, "toComm", "procstage-stage"));
        assertEquals(10, node(102).ppid());
        assertEquals(101, node(102).adoptedFrom());
    }

    @Test
    void theLedgerKeepsWhatEachParentLearnedFromWait() {
        probe("fork", 100, Map.of("child", 101));
        probe("fork", 101, Map.of("child", 102));
        probe("exit", 101, Map.of("code", 3));
        kernel("state", 101, Map.of("state", "Z", "ppid", 100, "wchan", "", "comm", "fork-tree"));
        kernel("reparent", 102, Map.of("from", 101, "to", 10, "toComm", "procstage-stage"));
        probe("reap", 100, Map.of("child", 101, "code", 3));
        probe("reap", 10, Map.of("child", 102, "code", 0));
        model.publish();
        assertEquals(2, model.reaped().size());
        ReapedProcess a = model.reaped().get(0);
        assertEquals(101, a.pid());
        assertEquals("exit code 3", a.status());
        assertEquals(100, a.reapedBy());
        assertTrue(a.zombieSeen(), "the kernel showed it as Z before the reap");
        ReapedProcess orphan = model.reaped().get(1);
        assertTrue(orphan.byStage());
        assertEquals(101, orphan.adoptedFrom());
        assertFalse(orphan.zombieSeen());
    }

    @Test
    void aCrashIsShownAsACrash() {
        probe("fork", 100, Map.of("child", 101));
        probe("reap", 100, Map.of("child", 101, "signal", 11));
        model.publish();
        assertEquals(1, model.crashes().size());
        assertTrue(model.crashes().get(0).contains("101"));
    }

    @Test
    void layoutPutsParentsAboveTheMiddleOfTheirChildren() {
        probe("fork", 100, Map.of("child", 101));
        probe("fork", 100, Map.of("child", 102));
        model.publish();
        var layout = TreeLayout.layout(model.processes());
        assertEquals(2, layout.get(101).row());
        assertEquals(1, layout.get(100).row());
        assertEquals((layout.get(101).column() + layout.get(102).column()) / 2, layout.get(100).column());
    }
}
