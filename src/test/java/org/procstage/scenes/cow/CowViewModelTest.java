package org.procstage.scenes.cow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.StepGates;
import org.procstage.session.ProbeControl;

/** The copy-on-write reducer on hand-made reports: sharing only where both page tables say so. */
class CowViewModelTest {
    private static final int P = 100;
    private static final int C = 101;
    private CowViewModel model;
    private long t;

    @BeforeEach
    void setUp() {
        model = new CowViewModel();
        probe("region", P, Map.of("pages", 8, "pageKb", 4, "contents",
                List.of("global=42 local=10", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH")));
        pagemap(P, "fill", new boolean[8], true, 1000);
    }

    private void probe(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.probe(type, ++t, pid, fields));
    }

    /** shared[i] = true: bit 56 clear. pfnBase + i is page i's frame (null when hidden). */
    private void pagemap(int pid, String after, boolean[] shared, boolean allExclusive, Integer pfnBase) {
        pagemap(pid, after, shared, allExclusive, pfnBase, -1, 0);
    }

    private void pagemap(int pid, String after, boolean[] shared, boolean allExclusive, Integer pfnBase,
                         int ownPage, long ownPfn) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("index", i);
            p.put("present", true);
            p.put("exclusive", allExclusive || !shared[i]);
            p.put("pfn", pfnBase == null ? null : (i == ownPage ? ownPfn : pfnBase + i));
            pages.add(p);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("after", after);
        f.put("pages", pages);
        probe("pagemap", pid, f);
    }

    private CowBoard board() {
        model.publish();
        return model.boardProperty().get();
    }

    private static boolean[] allShared() {
        boolean[] s = new boolean[8];
        java.util.Arrays.fill(s, true);
        return s;
    }

    @Test
    void beforeForkEachPageHasItsOwnFrameOfTheParent() {
        CowBoard b = board();
        assertNull(b.child());
        assertEquals(8, b.frames().size());
        b.frames().forEach(r -> assertEquals(List.of("parent"), r.frames().get(0).owners()));
        assertEquals("global=42 local=10", b.parent().pages().get(0).text());
    }

    @Test
    void afterForkAndBothReportsEveryFrameIsSharedOnce() {
        probe("fork", P, Map.of("child", C));
        pagemap(P, "fork", allShared(), false, 1000);
        CowBoard half = board();
        assertFalse(half.frames().get(0).shared(), "the child's page table is not read yet");
        pagemap(C, "fork", allShared(), false, 1000);
        CowBoard b = board();
        b.frames().forEach(r -> assertTrue(r.shared(), "row " + r.page()));
        assertEquals(1000L + 3, b.frames().get(3).frames().get(0).pfn());
        assertEquals("DDDD", b.child().pages().get(3).text(), "the child sees the parent's data");
    }

    @Test
    void aCopyingWriteSplitsOnlyThatFrame() {
        probe("fork", P, Map.of("child", C));
        pagemap(P, "fork", allShared(), false, 1000);
        pagemap(C, "fork", allShared(), false, 1000);
        probe("write", C, Map.of("page", 3, "wasShared", true, "faults", 1, "text", "D written by child"));
        boolean[] s = allShared();
        s[3] = false;
        pagemap(C, "write", s, false, 1000, 3, 5000);
        pagemap(P, "peer", s, false, 1000);
        CowBoard b = board();
        assertEquals(2, b.frames().get(3).frames().size());
        assertEquals(5000L, b.frames().get(3).frames().get(1).pfn());
        assertEquals(List.of("child"), b.frames().get(3).frames().get(1).owners());
        assertTrue(b.frames().get(2).shared());
        assertEquals("D written by child", b.child().pages().get(3).text());
        assertEquals("DDDD", b.parent().pages().get(3).text(), "the parent's data is untouched");
        assertTrue(b.lastTouch().copied());
        assertTrue(b.caption().contains("copied"), b.caption());
    }

    @Test
    void withHiddenFrameNumbersSharingComesFromBit56Alone() {
        probe("fork", P, Map.of("child", C));
        pagemap(P, "fork", allShared(), false, null);
        pagemap(C, "fork", allShared(), false, null);
        assertTrue(board().frames().get(5).shared());
        assertNull(board().frames().get(5).frames().get(0).pfn());
        boolean[] s = allShared();
        s[5] = false;
        pagemap(P, "write", s, false, null);
        pagemap(C, "peer", s, false, null);
        assertEquals(2, board().frames().get(5).frames().size());
    }

    @Test
    void aReadTouchesNothingAndSaysSo() {
        probe("fork", P, Map.of("child", C));
        probe("read", P, Map.of("page", 5, "faults", 0, "text", "FFFF"));
        CowBoard b = board();
        assertFalse(b.lastTouch().write());
        assertTrue(b.caption().contains("copies nothing"), b.caption());
    }

    @Test
    void afterTheChildExitsItsColumnIsUnmappedAndTheParentOwnsEveryFrame() {
        probe("fork", P, Map.of("child", C));
        pagemap(C, "fork", allShared(), false, 1000);
        probe("exit", C, Map.of("code", 0));
        probe("reap", P, Map.of("child", C, "code", 0));
        pagemap(P, "reap", new boolean[8], true, 1000);
        CowBoard b = board();
        assertFalse(b.child().mapped());
        b.frames().forEach(r -> assertEquals(List.of("parent"), r.frames().get(0).owners()));
        assertTrue(b.caption().contains("reaped"), b.caption());
    }

    @Test
    void replayingAPrefixAfterResetGivesTheSameBoard() {
        probe("fork", P, Map.of("child", C));
        pagemap(C, "fork", allShared(), false, 1000);
        CowBoard first = board();
        model.reset();
        setUp();
        probe("fork", P, Map.of("child", C));
        pagemap(C, "fork", allShared(), false, 1000);
        assertEquals(first, board());
    }

    @Test
    void clicksBecomeCommandsOnlyInALiveRunAndOnlyForRealPages() {
        AtomicReference<String> sent = new AtomicReference<>("");
        ProbeControl control = new ProbeControl() {
            public boolean live() {
                return true;
            }

            public boolean command(int pid, String name, Map<String, Object> args) {
                sent.set(pid + " " + name + " " + args);
                return true;
            }

            public void signal(int pid, int signo) {
            }

            public List<StepGates.Gate> waiting() {
                return List.of();
            }
        };
        assertFalse(model.touch("parent", 1, true), "replay: no control");
        model.attach(control);
        probe("fork", P, Map.of("child", C));
        assertTrue(model.touch("child", 3, true));
        assertEquals(C + " write {page=3}", sent.get());
        assertTrue(model.touch("parent", 6, false));
        assertEquals(P + " read {page=6}", sent.get());
        assertFalse(model.touch("child", 8, true), "no page 8");
        assertFalse(model.touch("child", -1, true));
    }
}
