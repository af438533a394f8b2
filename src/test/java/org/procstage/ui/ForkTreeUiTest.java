package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.procstage.scenes.forktree.ForkTreeScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;

/** The process-tree scene in the real app, headless: live stepping, replay, keys, cleanup. */
class ForkTreeUiTest extends FxAppHarness {

    private void openLiveFromList() {
        waitUntil("the scene list shows", () -> lookup("#scene-list").tryQuery().isPresent());
        clickOn("#scene-list");
        type(KeyCode.HOME);
        type(KeyCode.ENTER);
        waitUntil("the player opens", () -> host() != null && lookup("#step-button").tryQuery().isPresent());
    }

    private List<Integer> shownPids() {
        return texts(".card-pid").stream().map(s -> Integer.parseInt(s.replace("PID ", "").trim())).toList();
    }

    @Test
    void steppingTheLiveProbeShowsRealProcessesWithTheirPids() {
        openLiveFromList();
        waitUntil("the probe waits at its first step", () -> host().player().waitingProperty().get() > 0);
        focus();
        for (int i = 0; i < 4; i++) {
            type(KeyCode.SPACE);
            waitUntil("a step point is reached", () -> host().player().waitingProperty().get() > 0);
        }
        try {
            waitUntil("at least three processes on screen", () -> shownPids().size() >= 3);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; shown " + shownPids() + ", model " + onFx(() -> ((org.procstage.scenes.forktree.ForkTreeViewModel) host().player().model()).processes())
                + ", events " + host().player().events().size() + ", status " + host().player().statusProperty().get()
                + ", problem " + host().player().problemProperty().get(), e);
        }
        List<Integer> pids = shownPids();
        assertEquals(pids.size(), Set.copyOf(pids).size(), "distinct pids");
        pids.forEach(pid -> assertTrue(Processes.alive(pid), "pid " + pid + " is a real live process"));
        assertTrue(texts(".card-program").contains("stage (subreaper)"));
    }

    @Test
    void resetKillsTheRunAndStartsAFreshOne() {
        openLiveFromList();
        waitUntil("the probe waits", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
        waitUntil("a child exists", () -> runPids().size() >= 3);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        assertFalse(first.containsAll(runPids()), "new pids after reset");
    }

    @Test
    void leavingTheSceneKillsItsProcesses() {
        openLiveFromList();
        waitUntil("the probe waits", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
        waitUntil("a child exists", () -> runPids().size() >= 3);
        Set<Integer> pids = runPids();
        type(KeyCode.ESCAPE);
        waitUntil("back on the list", () -> host() == null);
        Processes.assertAllGone(pids);
    }

    @Test
    void closingTheWindowKillsTheRun() throws Exception {
        openLiveFromList();
        waitUntil("the probe waits", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
        waitUntil("a child exists", () -> runPids().size() >= 3);
        Set<Integer> pids = runPids();
        fx(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        Processes.assertAllGone(pids);
    }

    @Test
    void replayStepsForwardAndBackWithTheKeyboard() throws Exception {
        Trace trace = Recordings.record(new ForkTreeScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        assertEquals(PlayerViewModel.Mode.REPLAY, player.modeProperty().get());
        assertEquals(0, player.cursorProperty().get());
        for (int i = 0; i < 6; i++) {
            type(KeyCode.SPACE);
        }
        int afterSix = onFx(() -> player.cursorProperty().get());
        List<Integer> pidsAfterSix = shownPids();
        assertTrue(afterSix > 0);
        assertTrue(pidsAfterSix.size() >= 3, "tree after six steps: " + pidsAfterSix);
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        int back = onFx(() -> player.cursorProperty().get());
        assertTrue(back < afterSix, "step back moved the cursor back: " + back + " < " + afterSix);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(afterSix, (int) onFx(() -> player.cursorProperty().get()), "forward again lands where it was");
        type(KeyCode.P);
        waitUntil("run plays the replay to its end",
                () -> player.cursorProperty().get() == trace.events().size());
        waitUntil("only the stage is left at the end", () -> shownPids().size() == 1);
    }

    @Test
    void theStepButtonStepsLikeSpace() {
        openLiveFromList();
        waitUntil("the probe waits", () -> host().player().waitingProperty().get() > 0);
        int before = host().player().events().size();
        clickOn("#step-button");
        waitUntil("events arrive after a step", () -> host().player().events().size() > before);
    }
}
