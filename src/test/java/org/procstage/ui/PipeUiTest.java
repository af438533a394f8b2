package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.pipe.PipeScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The pipe scene in the real app, headless: per-process step buttons, the shrink toggle, replay, cleanup. */
class PipeUiTest extends FxAppHarness {

    private String text(String id) {
        List<String> found = texts(id);
        return found.isEmpty() ? "" : found.get(0);
    }

    /** The buttons are rebuilt with every change; find the one on screen now and press it. */
    private void press(String id) {
        waitUntil(id + " is offered", () -> onFx(() -> lookup(id).tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        fx(() -> ((ButtonBase) lookup(id).query()).fire());
    }

    private boolean waiting(int pid) {
        return onFx(() -> host().player().gates().stream().anyMatch(g -> g.pid() == pid));
    }

    private int parentPid() {
        return onFx(() -> ((org.procstage.scenes.pipe.PipeViewModel) host().player().model()).parentPid());
    }

    private void openLive() {
        fx(() -> app.openLive(new PipeScenario()));
        focus();
        waitUntil("the parent waits at its first step point", () -> parentPid() > 0 && waiting(parentPid()));
    }

    @Test
    void writerAndReaderHaveTheirOwnStepButtonsAndTheFillIsTheKernels() {
        openLive();
        type(KeyCode.SPACE); // parent: make the pipe
        waitUntil("the capacity is shown", () -> text("#pipe-capacity").contains("65536 B (F_GETPIPE_SZ)"));
        waitUntil("the parent waits again", () -> waiting(parentPid()));
        type(KeyCode.SPACE); // parent: fork writer and reader
        press("#step-writer");
        waitUntil("FIONREAD shows one burst buffered", () -> text("#pipe-fill").startsWith("8192 / 65536 B"));
        press("#step-reader");
        waitUntil("the reader took a page", () -> text("#pipe-fill").startsWith("4096 / 65536 B"));
        assertTrue(texts(".card-op").stream().anyMatch(s -> s.startsWith("read(")), texts(".card-op").toString());
    }

    @Test
    void theShrinkToggleMakesTheNextPipeOnePage() {
        openLive();
        press("#shrink-toggle");
        // The probe's "option" event, then its step point again (the old one went with the command).
        waitUntil("the probe confirms the option", () -> onFx(() -> ((org.procstage.scenes.pipe.PipeViewModel)
                host().player().model()).sceneProperty().get().shrink()) && waiting(parentPid()));
        assertTrue(onFx(() -> lookup("#shrink-toggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()));
        type(KeyCode.SPACE);
        waitUntil("a 4096-byte pipe", () -> text("#pipe-capacity").contains("capacity 4096 B (F_GETPIPE_SZ), was 65536"));
    }

    @Test
    void replayStepsForwardAndBackAndEndsWithBothPipeBufStrips() throws Exception {
        Trace trace = Recordings.record(new PipeScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        assertEquals(PlayerViewModel.Mode.REPLAY, player.modeProperty().get());
        for (int i = 0; i < 14; i++) {
            type(KeyCode.SPACE);
        }
        int after = onFx(() -> player.cursorProperty().get());
        assertTrue(text("#pipe-capacity").contains("65536"), text("#pipe-capacity"));
        assertTrue(text("#pipe-fill").contains("(ioctl FIONREAD)"), text("#pipe-fill"));
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < after);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(after, (int) onFx(() -> player.cursorProperty().get()));
        fx(() -> player.seek(trace.events().size()));
        waitUntil("two PIPE_BUF rounds drawn", () -> texts(".strip-title").size() >= 2);
        assertTrue(texts(".strip-title").get(0).startsWith("Records of 4096 B: 0 of 64 interleaved"),
                texts(".strip-title").toString());
    }

    @Test
    void resetKillsTheRunAndStartsAFreshOne() {
        openLive();
        type(KeyCode.SPACE);
        waitUntil("the parent waits again", () -> waiting(parentPid()));
        type(KeyCode.SPACE);
        waitUntil("writer and reader exist", () -> runPids().size() >= 4);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits at its first step point", () -> parentPid() > 0 && !first.contains(parentPid())
                && waiting(parentPid()));
        assertTrue(text("#pipe-caption").startsWith("Phase 1"), text("#pipe-caption"));
    }

    @Test
    void aSavedLiveRunReplaysToTheSameSceneAndRunPlaysItToTheEnd(@TempDir Path dir) throws Exception {
        openLive();
        type(KeyCode.SPACE);
        waitUntil("the parent waits again", () -> waiting(parentPid()));
        type(KeyCode.SPACE);
        press("#step-writer");
        waitUntil("one burst buffered", () -> text("#pipe-fill").startsWith("8192 / 65536 B"));
        Path file = dir.resolve("pipe.ndjson");
        Trace live = onFx(() -> host().player().recordedTrace());
        new TraceWriter(new EventCodec()).write(file, live);
        Trace saved = new TraceReader(new EventCodec()).read(file);
        assertEquals(live.events().size(), saved.events().size());
        fx(() -> app.openTrace(saved));
        focus();
        type(KeyCode.P);
        waitUntil("Run plays the replay to its end", () -> onFx(() -> host().player().cursorProperty().get())
                == saved.events().size());
        waitUntil("the same buffer as live", () -> text("#pipe-fill").startsWith("8192 / 65536 B"));
    }

    @Test
    void leavingTheSceneKillsItsProcesses() {
        openLive();
        type(KeyCode.SPACE);
        waitUntil("the parent waits again", () -> waiting(parentPid()));
        type(KeyCode.SPACE);
        waitUntil("writer and reader exist", () -> runPids().size() >= 4);
        Set<Integer> pids = runPids();
        type(KeyCode.ESCAPE);
        waitUntil("back on the list", () -> host() == null);
        Processes.assertAllGone(pids);
    }
}
