package org.procstage.scenes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.StepGates;
import org.procstage.scenes.signals.SignalBoard.Stage;
import org.procstage.session.ProbeControl;

/** The signal reducer on hand-made events, including events that arrive out of causal order. */
class SignalsViewModelTest {
    private static final int P = 100;
    private static final int R = 101;
    private static final String ZERO = "0000000000000000";
    private SignalsViewModel model;
    private long t;

    @BeforeEach
    void setUp() {
        model = new SignalsViewModel();
        probe("role", P, Map.of("role", "parent"));
        probe("fork", P, Map.of("child", R));
        probe("role", R, Map.of("role", "receiver"));
    }

    private void probe(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.probe(type, ++t, pid, fields));
    }

    private void kernel(String type, int pid, Map<String, Object> fields) {
        model.apply(ProbeEvent.kernel(type, ++t, pid, fields));
    }

    private void sigstate(String shd, String blocked, String ignored, String caught) {
        kernel("sigstate", R, Map.of("pending", ZERO, "shdPending", shd, "blocked", blocked, "ignored", ignored,
                "caught", caught));
    }

    private SignalBoard board() {
        model.publish();
        return model.boardProperty().get();
    }

    private void kill(int signo) {
        probe("kill", P, Map.of("target", R, "signo", signo));
    }

    @Test
    void aHandledSignalWalksThePathToSigreturn() {
        kill(10);
        assertEquals(Stage.SENT, board().delivery().stage());
        probe("handler", R, Map.of("signo", 10, "code", 0, "from", P));
        assertEquals(Stage.HANDLER, board().delivery().stage());
        probe("sigreturn", R, Map.of("signo", 10, "resumedIn", "poll"));
        assertEquals(Stage.RESUMED, board().delivery().stage());
        assertEquals(1, board().handlerRuns().get(10));
    }

    @Test
    void aHandlerReportedBeforeItsKillIsMatchedAndThePathDoesNotGoBack() {
        probe("handler", R, Map.of("signo", 10, "code", 0, "from", 5));
        probe("sigreturn", R, Map.of("signo", 10));
        probe("kill", 5, Map.of("target", R, "signo", 10, "result", 0)); // the stage reports after kill() returned
        assertEquals(Stage.RESUMED, board().delivery().stage());
        kill(10); // a later kill is a new delivery
        assertEquals(Stage.SENT, board().delivery().stage());
        assertTrue(board().timeline().stream().anyMatch(l -> l.contains("pid 5 (the app) called kill(101, SIGUSR1)")),
                board().timeline().toString());
    }

    @Test
    void anIgnoredSignalIsDiscardedEvenBeforeTheKernelSampleShowsTheIgnoreBit() {
        probe("sigaction", R, Map.of("signo", 1, "action", "ignore"));
        kill(1);
        assertEquals(Stage.DISCARDED, board().delivery().stage());
        assertTrue(board().caption().contains("never pending"), board().caption());
    }

    @Test
    void aBlockedSignalIsHeldPendingTwoKillsOneHandlerRun() {
        probe("mask", R, Map.of("op", "block", "signo", 12, "blocked", "0000000000000800"));
        kill(12);
        assertEquals(Stage.HELD, board().delivery().stage());
        sigstate("0000000000000800", "0000000000000800", ZERO, "0000000000000a00");
        kill(12);
        SignalBoard b = board();
        assertEquals(Stage.HELD, b.delivery().stage());
        assertTrue(b.caption().contains("already pending"), b.caption());
        assertTrue(b.receiver().bits().has("shdPending", 12));
        assertTrue(b.receiver().bits().has("blocked", 12));
        probe("handler", R, Map.of("signo", 12, "code", 0, "from", P));
        probe("mask", R, Map.of("op", "unblock", "signo", 12, "blocked", ZERO));
        assertEquals(1, board().handlerRuns().get(12));
        assertEquals(Stage.HANDLER, board().delivery().stage());
    }

    @Test
    void stopWaitsAndContinueFromTheKernelsStates() {
        kernel("state", R, Map.of("state", "S"));
        kill(19);
        kernel("state", R, Map.of("state", "T"));
        assertEquals(Stage.STOPPED, board().delivery().stage());
        assertEquals('T', board().receiver().state());
        kill(10);
        assertEquals(Stage.HELD, board().delivery().stage(), "sent while stopped: waits");
        kill(18);
        kernel("state", R, Map.of("state", "S"));
        assertEquals(Stage.CONTINUED, board().delivery().stage());
    }

    @Test
    void refusalsAndTheKernelsExitBySignalAreShown() {
        probe("sigaction-error", R, Map.of("signo", 9, "want", "handler", "errno", 22, "error", "EINVAL"));
        probe("mask", R, Map.of("op", "block", "signo", 9, "blocked", ZERO));
        assertTrue(board().caption().contains("silently"), board().caption());
        assertEquals(List.of("sigaction(SIGKILL) → EINVAL (22)"), board().refusals());
        kill(15);
        kernel("exit", R, Map.of("signal", 15, "core", false));
        assertEquals(Stage.TERMINATED, board().delivery().stage());
        probe("reap", P, Map.of("child", R, "signal", 15));
        assertEquals("killed by SIGTERM", board().receiver().fate());
        assertTrue(board().receiver().gone());
    }

    @Test
    void theParentsSigchldHandlerSaysWhatHappenedToTheChild() {
        probe("handler", P, Map.of("signo", 17, "code", 5, "from", R));
        assertTrue(board().parent().note().contains("stopped"), board().parent().note());
        assertTrue(board().handlerRuns().isEmpty(), "the receiver's runs only");
    }

    @Test
    void buttonsSendRealSignalsAndCommandsOnlyWhileTheReceiverLives() {
        List<String> sent = new ArrayList<>();
        model.attach(new ProbeControl() {
            public boolean live() {
                return true;
            }

            public boolean command(int pid, String name, Map<String, Object> args) {
                sent.add(pid + " " + name + " " + args);
                return true;
            }

            public void signal(int pid, int signo) {
                sent.add("kill " + pid + " " + signo);
            }

            public List<StepGates.Gate> waiting() {
                return List.of();
            }
        });
        assertTrue(model.send(12));
        assertTrue(model.order("block", 12));
        assertFalse(model.order("format-disk", 12), "unknown orders never reach the probe");
        assertFalse(model.send(65));
        assertEquals(List.of("kill 101 12", "101 block {signo=12}"), sent);
        kernel("exit", R, Map.of("signal", 9));
        assertFalse(model.send(10), "the receiver has gone");
    }

    @Test
    void replayAfterResetIsTheSame() {
        kill(10);
        probe("handler", R, Map.of("signo", 10, "from", P));
        SignalBoard first = board();
        model.reset();
        setUp();
        kill(10);
        probe("handler", R, Map.of("signo", 10, "from", P));
        assertEquals(first, board());
    }

    @Test
    void theBitmapsParseAsProcPrintsThem() {
        SignalBoard.Bits b = new SignalBoard.Bits(ZERO, "0000000000000800", "0000000000000800", "0000000080000001",
                "0000000100000a00");
        assertTrue(b.has("shdPending", 12));
        assertTrue(b.has("ignored", 1));
        assertTrue(b.has("ignored", 32));
        assertTrue(b.has("caught", 10));
        assertFalse(b.has("caught", 11));
        assertFalse(b.has("pending", 12));
    }
}
