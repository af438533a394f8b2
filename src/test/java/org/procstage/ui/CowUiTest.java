package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.procstage.scenes.cow.CowBoard;
import org.procstage.scenes.cow.CowScenario;
import org.procstage.scenes.cow.CowViewModel;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;

/** The copy-on-write scene in the real app, headless: click a page, see the frame split. */
class CowUiTest extends FxAppHarness {

    private CowBoard board() {
        return onFx(() -> ((CowViewModel) host().player().model()).boardProperty().get());
    }

    private boolean hasStyle(String id, String style) {
        return onFx(() -> {
            Node n = stage.getScene().getRoot().lookup(id);
            return n != null && n.getStyleClass().contains(style);
        });
    }

    private boolean exists(String id) {
        return onFx(() -> stage.getScene().getRoot().lookup(id) != null);
    }

    /** Steps the paced probe through map-and-fill and fork, until both page tables are on screen. */
    private void openLiveAndFork() {
        fx(() -> app.openLive(new CowScenario()));
        focus();
        waitUntil("the probe waits at its first step", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
        waitUntil("the region is filled", () -> board().parent() != null
                && board().parent().pages().get(0).reported() && host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
        waitUntil("both columns show shared pages", () -> hasStyle("#child-page-3", "shared")
                && hasStyle("#parent-page-3", "shared") && exists("#frame-3"));
        waitUntil("both processes wait at a step point", () -> host().player().waitingProperty().get() == 2);
    }

    @Test
    void clickingAChildsPageMakesItWriteAndTheFrameSplits() {
        openLiveAndFork();
        clickOn("#child-page-3");
        waitUntil("the child's page 3 is private", () -> hasStyle("#child-page-3", "private"));
        waitUntil("the parent's page 3 is re-read: mapped once", () -> hasStyle("#parent-page-3", "private"));
        assertTrue(exists("#frame-3-child") && exists("#frame-3-parent"), "two frames for page 3");
        assertTrue(exists("#frame-2"), "page 2 still one shared frame");
        assertTrue(hasStyle("#child-page-2", "shared"));
        assertTrue(texts(".scene-caption").stream().anyMatch(c -> c.contains("copied")), texts(".scene-caption").toString());
        CowBoard b = board();
        assertEquals(4, b.child().privateDirtyKb() / Math.max(1, b.pageKb()) * b.pageKb());

        clickOn("#cow-mode-read");
        clickOn("#parent-page-5");
        waitUntil("the read is reported", () -> board().lastTouch() != null && !board().lastTouch().write());
        assertTrue(hasStyle("#parent-page-5", "shared"), "a read copies nothing");

        Set<Integer> pids = runPids();
        clickOn("#cow-finish");
        waitUntil("the run ends by itself", () -> host().player().modeProperty().get() == PlayerViewModel.Mode.REPLAY);
        Processes.assertAllGone(pids);
    }

    @Test
    void resetKillsTheRunAndLeavesNoProcess() {
        openLiveAndFork();
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        Set<Integer> second = runPids();
        type(KeyCode.ESCAPE);
        waitUntil("back on the list", () -> host() == null);
        Processes.assertAllGone(second);
    }

    @Test
    void aRecordedRunReplaysForwardAndBack() throws Exception {
        Trace trace = Recordings.record(new CowScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        assertEquals(PlayerViewModel.Mode.REPLAY, player.modeProperty().get());
        for (int i = 0; i < 15 && !exists("#frame-3-child"); i++) {
            type(KeyCode.SPACE);
        }
        assertTrue(exists("#frame-3-child"), () -> "the child's write of page 3 splits the frame; cursor "
                + onFx(() -> player.cursorProperty().get()) + "/" + trace.events().size() + " steps "
                + trace.events().stream().filter(e -> e.is("step")).map(e -> e.pid() + ":" + e.str("name", "")).toList()
                + " board " + board());
        int at = onFx(() -> player.cursorProperty().get());
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < at);
        assertTrue(exists("#frame-3"), "one step back: page 3 is one shared frame again");
        type(KeyCode.SPACE);
        assertEquals(at, (int) onFx(() -> player.cursorProperty().get()), "forward again lands where it was");
        assertTrue(exists("#frame-3-child"));
        type(KeyCode.P);
        waitUntil("run plays to the end", () -> player.cursorProperty().get() == trace.events().size());
        try {
            waitUntil("the child column ends unmapped", () -> hasStyle("#child-page-0", "gone"));
        } catch (AssertionError e) {
            throw new AssertionError("child " + board().child() + " styles " + onFx(() -> stage.getScene().getRoot()
                    .lookup("#child-page-0").getStyleClass()) + " events " + trace.events().stream().map(x -> x.type()).toList(), e);
        }
    }
}
