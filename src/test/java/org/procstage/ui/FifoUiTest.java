package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.fifo.FifoScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The named-pipe scene in the real app, headless: live stepping, run, reset, save, replay, snapshot. */
class FifoUiTest extends FxAppHarness {

    private void openLive() {
        openLiveAtFirstStep(new FifoScenario());
    }

    private String text(String id) {
        return onFx(() -> ((Label) stage.getScene().getRoot().lookup(id)).getText());
    }

    private int readerPid() {
        return onFx(() -> host().player().events().stream().filter(e -> e.is("role") && "reader".equals(e.str("role", "")))
                .findFirst().map(e -> e.pid()).orElse(0));
    }

    @Test
    void steppingShowsTheReaderBlockedInOpenThenRunningToTheEndShowsEnxio() {
        openLive();
        // mkfifo, fork the reader, let the reader call open(): it sleeps until a writer comes.
        for (int i = 0; i < 3; i++) {
            type(KeyCode.SPACE);
            waitUntil("a step point is reached", () -> host().player().waitingProperty().get() > 0);
        }
        waitUntil("the reader is shown blocked in open()",
                () -> texts(".fifo-card-waits").stream().anyMatch(s -> s.contains("BLOCKED in open()")));
        assertTrue(text("#fifo-link-reader").contains("waits"));
        assertTrue(text("#fifo-ls").startsWith("prw"), "shown as a file of type p");
        int reader = readerPid();
        assertTrue(reader > 0 && Processes.alive(reader), "a real process: " + reader);
        assertTrue(texts(".open-pending").stream().anyMatch(s -> s.contains("wait_for_partner")));

        fx(() -> host().player().speedProperty().set(20));
        type(KeyCode.P);
        waitUntil("the run ends", () -> host().player().modeProperty().get() == PlayerViewModel.Mode.REPLAY);
        assertTrue(texts(".open-failed").stream().anyMatch(s -> s.contains("ENXIO")), "ENXIO in the table");
        assertTrue(text("#fifo-message").contains("end of file"));
        Processes.assertAllGone(runPids());
        int end = onFx(() -> host().player().cursorProperty().get());
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> host().player().cursorProperty().get()) < end, "the ended run can be stepped back");
    }

    @Test
    void resetKillsTheRunAndStartsAFreshOne() {
        openLive();
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        waitUntil("the reader exists", () -> readerPid() > 0);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        assertFalse(first.containsAll(runPids()), "new pids after reset");
        waitUntil("the picture starts over: reader and writer not started",
                () -> texts(".fifo-card-pid").stream().filter(String::isEmpty).count() == 2);
    }

    @Test
    void aSavedTraceReplaysForwardAndBackAndRenders(@TempDir Path dir) throws Exception {
        Trace recorded = Recordings.record(new FifoScenario()).trace();
        Path file = dir.resolve("fifo.ndjson");
        new TraceWriter(new EventCodec()).write(file, recorded);
        Trace trace = new TraceReader(new EventCodec()).read(file);
        assertEquals(recorded.events().size(), trace.events().size());
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        assertEquals(PlayerViewModel.Mode.REPLAY, player.modeProperty().get());
        for (int i = 0; i < 5; i++) {
            type(KeyCode.SPACE);
        }
        int afterFive = onFx(() -> player.cursorProperty().get());
        assertTrue(texts(".fifo-card-title").contains("reader"));
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < afterFive);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(afterFive, (int) onFx(() -> player.cursorProperty().get()), "forward again lands where it was");
        fx(() -> player.seek(trace.events().size()));
        assertTrue(texts(".open-failed").stream().anyMatch(s -> s.contains("ENXIO")));
        WritableImage image = onFx(() -> SceneRenderer.renderNow(new FifoScenario(), trace, 5));
        assertEquals(SceneRenderer.WIDTH, (int) image.getWidth());
        assertEquals(SceneRenderer.HEIGHT, (int) image.getHeight());
    }
}
