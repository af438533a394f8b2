package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.procstage.scenes.signals.SignalBoard;
import org.procstage.scenes.signals.SignalsScenario;
import org.procstage.scenes.signals.SignalsViewModel;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;

/** The signal scene in the real app, headless: buttons really send signals and the kernel's bits flip. */
class SignalsUiTest extends FxAppHarness {

    private SignalBoard board() {
        return onFx(() -> ((SignalsViewModel) host().player().model()).boardProperty().get());
    }

    private String text(String id) {
        return onFx(() -> {
            var n = stage.getScene().getRoot().lookup(id);
            return n instanceof Labeled l ? l.getText() : "";
        });
    }

    @Test
    void blockingThenSendingSigusr2WithTheButtonsShowsItPendingThenTheHandlerRuns() {
        fx(() -> app.openLive(new SignalsScenario()));
        focus();
        waitUntil("the probe waits", () -> host().player().waitingProperty().get() > 0);
        type(KeyCode.SPACE); // fork the receiver
        waitUntil("the kernel's bitmaps of the receiver are on screen",
                () -> board().receiver() != null && !board().receiver().bits().blocked().isEmpty());
        clickOn("#signal-12");
        clickOn("#block-signal");
        waitUntil("the kernel shows SIGUSR2 blocked", () -> "1".equals(text("#bit-blocked-12")));
        assertEquals("0", text("#bit-shdPending-12"));
        clickOn("#send-signal");
        waitUntil("the kernel shows SIGUSR2 pending", () -> "1".equals(text("#bit-shdPending-12")));
        assertTrue(host().player().events().stream().anyMatch(e -> e.is("kill") && e.intField("signo", 0) == 12
                && e.intField("result", -1) == 0), "the app really called kill");
        clickOn("#catch-signal");
        waitUntil("the handler is installed", () -> "1".equals(text("#bit-caught-12")));
        clickOn("#unblock-signal");
        waitUntil("the handler ran once", () -> text("#handler-runs").contains("USR2 ×1"));
        waitUntil("no longer pending", () -> "0".equals(text("#bit-shdPending-12")));

        clickOn("#signal-19");
        clickOn("#send-signal");
        waitUntil("the kernel shows the receiver stopped", () -> text("#receiver-state").startsWith("T"));
        clickOn("#signal-18");
        clickOn("#send-signal");
        waitUntil("it runs again", () -> !text("#receiver-state").startsWith("T"));

        Set<Integer> pids = runPids();
        type(KeyCode.ESCAPE);
        waitUntil("back on the list", () -> host() == null);
        Processes.assertAllGone(pids);
    }

    @Test
    void aRecordedRunReplaysForwardAndBack() throws Exception {
        Trace trace = Recordings.record(new SignalsScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        for (int i = 0; i < 10; i++) {
            type(KeyCode.SPACE);
        }
        int at = onFx(() -> player.cursorProperty().get());
        assertEquals("1", text("#bit-blocked-12"), "SIGUSR2 blocked at the 'unblock' step");
        assertEquals("1", text("#bit-shdPending-12"), "and pending");
        type(KeyCode.SPACE);
        assertEquals("0", text("#bit-shdPending-12"), "unblocked: delivered");
        type(KeyCode.BACK_SPACE);
        assertEquals(at, (int) onFx(() -> player.cursorProperty().get()));
        assertEquals("1", text("#bit-shdPending-12"), "back: pending again");
        type(KeyCode.P);
        waitUntil("run plays to the end", () -> player.cursorProperty().get() == trace.events().size());
        waitUntil("the receiver ends killed by SIGTERM", () -> "killed by SIGTERM".equals(board().receiver().fate()));
    }
}
