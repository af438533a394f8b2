package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.procstage.scenes.mutex.MutexScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;

/** The mutex scene in the real app, headless: live stepping to a sleeping queue, replay, leave. */
class MutexUiTest extends FxAppHarness {

    private void space() {
        waitUntil("a process waits at a step point", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE);
    }

    @Test
    void steppingShowsTheOwnerAndWaitersTheKernelSeesAsleepInAFutexWait() {
        fx(() -> app.openLive(new MutexScenario()));
        focus();
        space(); // the fast path
        waitUntil("the fast path is measured", () -> texts("#mutex-fast-uncontended").get(0).contains("no sleep"));
        space(); // start the workers
        waitUntil("three workers wait to lock", () -> host().player().waitingProperty().get() == 3);
        space(); // the first locks
        waitUntil("an owner", () -> texts(".mutex-owner-title").get(0).startsWith("OWNER:"));
        space(); // the second blocks
        space(); // the third blocks
        waitUntil("two BLOCKED waiters", () -> texts(".mutex-waiter-title").size() == 2);
        waitUntil("the kernel shows both asleep on the lock", () -> texts(".mutex-evidence-strong").size() == 2);
        assertTrue(texts(".mutex-evidence-strong").stream().allMatch(t -> t.contains("futex")));
        Set<Integer> pids = runPids();
        type(KeyCode.ESCAPE);
        waitUntil("back on the list", () -> host() == null);
        Processes.assertAllGone(pids);
    }

    @Test
    void replayShowsTheLogInGrantOrderAndStepsBack() throws Exception {
        Trace trace = Recordings.record(new MutexScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        fx(() -> player.speedProperty().set(4));
        type(KeyCode.P);
        waitUntil("the replay plays to its end", () -> player.cursorProperty().get() == trace.events().size());
        assertEquals(6, texts(".mutex-log-line").size());
        for (int i = 0; i < 6; i++) {
            assertTrue(texts(".mutex-log-line").get(i).startsWith("grant " + (i + 1) + ":"));
        }
        assertTrue(texts(".mutex-fast").get(1).contains("slept in the kernel"), texts(".mutex-fast").toString());
        int end = player.cursorProperty().get();
        for (int i = 0; i < 6; i++) {
            type(KeyCode.BACK_SPACE);
        }
        assertTrue(onFx(() -> player.cursorProperty().get()) < end);
        assertTrue(texts(".mutex-owner-title").get(0).startsWith("OWNER:"), texts(".mutex-owner-title").toString());
    }
}
