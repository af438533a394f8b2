package org.procstage.scenes.cow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.session.StepBoundaries;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real cow probe and checks its pagemap and smaps reports against copy-on-write. */
class CowLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;
    private static int parent;
    private static int child;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new CowScenario());
        events = run.trace().events();
        parent = ofType(events, "region").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no region event in " + events)).pid();
        child = ofType(events, "fork").stream().filter(f -> f.pid() == parent).findFirst().orElseThrow()
                .intField("child", 0);
    }

    private static List<Map<?, ?>> pages(ProbeEvent pagemap) {
        return ((List<?>) pagemap.fields().get("pages")).stream().<Map<?, ?>>map(p -> (Map<?, ?>) p).toList();
    }

    private static boolean exclusive(ProbeEvent pagemap, int page) {
        return Boolean.TRUE.equals(pages(pagemap).get(page).get("exclusive"));
    }

    private static Long pfn(ProbeEvent pagemap, int page) {
        return pages(pagemap).get(page).get("pfn") instanceof Number n ? n.longValue() : null;
    }

    /** The first pagemap of pid after index from. */
    private static ProbeEvent nextPagemap(int pid, int from) {
        for (int i = from + 1; i < events.size(); i++) {
            if (events.get(i).is("pagemap") && events.get(i).pid() == pid) {
                return events.get(i);
            }
        }
        throw new AssertionError("no pagemap of " + pid + " after event " + from);
    }

    @Test
    void beforeForkEveryPageIsPresentAndExclusiveThenForkSharesThemAll() {
        ProbeEvent before = events.stream().filter(e -> e.is("pagemap") && "fill".equals(e.str("after", "")))
                .findFirst().orElseThrow();
        assertEquals(8, pages(before).size());
        for (int i = 0; i < 8; i++) {
            assertTrue(Boolean.TRUE.equals(pages(before).get(i).get("present")));
            assertTrue(exclusive(before, i), "page " + i + " is the parent's alone before fork");
        }
        for (int pid : new int[] {parent, child}) {
            ProbeEvent after = events.stream().filter(e -> e.is("pagemap") && e.pid() == pid
                    && "fork".equals(e.str("after", ""))).findFirst().orElseThrow();
            for (int i = 0; i < 8; i++) {
                assertFalse(exclusive(after, i), "after fork page " + i + " of " + pid + " is shared");
            }
        }
    }

    @Test
    void afterTheChildsWriteOfPageKBothPagemapsShowKExclusiveAndUnwrittenPagesShared() {
        Set<Integer> written = new HashSet<>();
        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            ProbeEvent e = events.get(i);
            if (!e.is("write")) {
                continue;
            }
            int k = e.intField("page", -1);
            written.add(k);
            if (e.pid() != child) {
                continue;
            }
            ProbeEvent mine = nextPagemap(child, i);
            ProbeEvent theirs = nextPagemap(parent, i);
            assertTrue(exclusive(mine, k), "child's page " + k + " after its write");
            assertTrue(exclusive(theirs, k), "parent's page " + k + " after the child's write");
            for (int p = 0; p < 8; p++) {
                if (!written.contains(p)) {
                    assertFalse(exclusive(mine, p), "unwritten page " + p + " still shared (child)");
                    assertFalse(exclusive(theirs, p), "unwritten page " + p + " still shared (parent)");
                }
            }
            if (pfn(mine, k) != null && pfn(theirs, k) != null) {
                assertNotEquals(pfn(mine, k), pfn(theirs, k), "page " + k + ": two frames now");
                for (int p = 0; p < 8; p++) {
                    if (!written.contains(p)) {
                        assertEquals(pfn(theirs, p), pfn(mine, p), "unwritten page " + p + ": one frame");
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 2, "the child wrote at least twice: " + checked);
    }

    @Test
    void smapsMovesOnePageFromSharedToPrivatePerCopiedPage() {
        int pageKb = ofType(events, "region").get(0).intField("pageKb", 4);
        // Each smaps report matches the pagemap just before it: private = exclusive pages, shared = the rest.
        int compared = 0;
        ProbeEvent last = null;
        for (ProbeEvent e : events) {
            if (e.is("pagemap")) {
                last = e;
            } else if (e.is("smaps") && last != null && last.pid() == e.pid()) {
                long exclusive = pages(last).stream().filter(p -> Boolean.TRUE.equals(p.get("exclusive"))).count();
                assertEquals(exclusive * pageKb, e.longField("privateDirtyKb", -1), "Private_Dirty of " + e);
                assertEquals((8 - exclusive) * pageKb, e.longField("sharedDirtyKb", -1), "Shared_Dirty of " + e);
                compared++;
            }
        }
        assertTrue(compared >= 10, "smaps reports compared: " + compared);
        // And a copying write moves exactly one page in the writer's own figures.
        for (int i = 0; i < events.size(); i++) {
            ProbeEvent w = events.get(i);
            if (w.is("write") && w.bool("wasShared")) {
                ProbeEvent before = previousSmaps(w.pid(), i);
                ProbeEvent after = nextSmaps(w.pid(), i);
                assertEquals(before.longField("sharedDirtyKb", 0) - pageKb, after.longField("sharedDirtyKb", 0));
                assertEquals(before.longField("privateDirtyKb", 0) + pageKb, after.longField("privateDirtyKb", 0));
            }
        }
    }

    private static ProbeEvent previousSmaps(int pid, int from) {
        for (int i = from - 1; i >= 0; i--) {
            if (events.get(i).is("smaps") && events.get(i).pid() == pid) {
                return events.get(i);
            }
        }
        throw new AssertionError("no smaps before " + from);
    }

    private static ProbeEvent nextSmaps(int pid, int from) {
        for (int i = from + 1; i < events.size(); i++) {
            if (events.get(i).is("smaps") && events.get(i).pid() == pid) {
                return events.get(i);
            }
        }
        throw new AssertionError("no smaps after " + from);
    }

    @Test
    void aWriteToASharedPageFaultsAndCopiesAReadCopiesNothing() {
        List<ProbeEvent> writes = ofType(events, "write");
        ProbeEvent firstCopy = writes.stream().filter(w -> w.bool("wasShared")).findFirst().orElseThrow();
        assertEquals(1, firstCopy.intField("faults", -1), "one minor fault for the copy");
        if (firstCopy.has("pfnBefore") && firstCopy.has("pfnAfter")) {
            assertNotEquals(firstCopy.longField("pfnBefore", 0), firstCopy.longField("pfnAfter", 0), "a new frame");
        }
        ProbeEvent reuse = writes.stream().filter(w -> !w.bool("wasShared") && w.intField("faults", 0) > 0)
                .findFirst().orElseThrow();
        if (reuse.has("pfnBefore")) {
            assertEquals(reuse.longField("pfnBefore", 0), reuse.longField("pfnAfter", -1), "reused, not copied");
        }
        ProbeEvent read = ofType(events, "read").get(0);
        assertEquals(0, read.intField("faults", -1), "a read of a mapped page faults not");
        ProbeEvent afterRead = nextPagemap(read.pid(), events.indexOf(read));
        assertFalse(exclusive(afterRead, read.intField("page", 0)), "still shared after the read");
    }

    @Test
    void theVariablesLiveInPageZeroAndDivergeAfterTheChildsWrite() {
        List<ProbeEvent> vars = ofType(events, "vars");
        assertTrue(vars.stream().anyMatch(v -> v.pid() == parent && v.intField("global", 0) == 42
                && v.intField("local", 0) == 10));
        assertTrue(vars.stream().anyMatch(v -> v.pid() == child && v.intField("global", 0) == 43));
        assertTrue(vars.stream().allMatch(v -> v.intField("page", -1) == 0));
    }

    @Test
    void theChildIsReapedTheParentSeesEveryFrameItsOwnAgainAndNothingSurvives() {
        assertTrue(events.stream().anyMatch(e -> e.is("reap") && e.pid() == parent && e.intField("child", 0) == child));
        ProbeEvent last = events.stream().filter(e -> e.is("pagemap") && "reap".equals(e.str("after", "")))
                .findFirst().orElseThrow();
        for (int i = 0; i < 8; i++) {
            assertTrue(exclusive(last, i), "page " + i + " mapped once after the child is gone");
        }
        assertEquals(1, ofType(events, "run-end").size());
        Processes.assertAllGone(run.pids());
    }

    @Test
    void theReducerEndsWithTheRegionUnmapped() {
        CowViewModel model = new CowViewModel();
        events.forEach(model::apply);
        model.publish();
        CowBoard b = model.boardProperty().get();
        assertEquals(parent, b.parent().pid());
        assertEquals(child, b.child().pid());
        assertFalse(b.child().mapped());
    }

    @Test
    void aSavedTraceReplaysToTheSameBoardAtEveryStep(@TempDir java.nio.file.Path dir) throws Exception {
        Recordings.assertSavedTraceReplaysTheSame(run.trace(), dir, (trace, n) -> boardAfter(trace, n));
    }

    private static CowBoard boardAfter(List<ProbeEvent> trace, int steps) {
        CowViewModel model = new CowViewModel();
        trace.subList(0, StepBoundaries.afterSteps(trace, steps)).forEach(model::apply);
        model.publish();
        return model.boardProperty().get();
    }
}
