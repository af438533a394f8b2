package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.pipeline.PipelineScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The pipeline scene in the real app, headless: typing a sentence, stepping, run, reset, replay. */
class PipelineUiTest extends FxAppHarness {

    private void openLive() {
        openLiveAtFirstStep(new PipelineScenario());
    }

    private String text(String id) {
        return onFx(() -> ((Label) stage.getScene().getRoot().lookup(id)).getText());
    }

    private String sentenceOfRun() {
        return onFx(() -> host().player().events().stream().filter(e -> e.is("sentence")).findFirst()
                .map(e -> e.str("text", "")).orElse(""));
    }

    @Test
    void typingASentenceAndEnterRunsItThroughFreshProcesses() {
        openLive();
        waitUntil("the first run reports its sentence", () -> !sentenceOfRun().isEmpty());
        Set<Integer> first = runPids();
        fx(() -> ((TextField) stage.getScene().getRoot().lookup("#pipeline-sentence")).clear());
        clickOn("#pipeline-sentence");
        write("read the pipe");
        // Space, r and p typed into the field are text, not step / reset / run.
        assertEquals("read the pipe", onFx(() -> ((TextField) stage.getScene().getRoot().lookup("#pipeline-sentence")).getText()));
        assertTrue(first.stream().allMatch(Processes::alive), "the run was not reset by typing 'r'");
        assertEquals(PlayerViewModel.Mode.LIVE, onFx(() -> host().player().modeProperty().get()));
        type(KeyCode.ENTER);
        Processes.assertAllGone(first);
        waitUntil("a fresh run with the typed sentence", () -> "read the pipe".equals(sentenceOfRun()));
        fx(() -> host().player().speedProperty().set(20));
        type(KeyCode.P);
        waitUntil("the run ends", () -> host().player().modeProperty().get() == PlayerViewModel.Mode.REPLAY);
        assertEquals("Result: readThePipe", text("#pipeline-output"));
        Processes.assertAllGone(runPids());
    }

    @Test
    void steppingShowsTheDescriptorPictureAndFiltersBlockedOnInput() {
        openLive();
        // pipe() x5, fork x4, then the root and each filter close what they do not use.
        for (int i = 0; i < 7; i++) {
            type(KeyCode.SPACE);
            waitUntil("a step point is reached", () -> host().player().waitingProperty().get() > 0);
        }
        waitUntil("the filters are shown waiting for input",
                () -> texts(".station-status").stream().filter(s -> s.contains("BLOCKED on input")).count() >= 2);
        waitUntil("the kernel's descriptor picture of split",
                () -> texts(".station-fds").stream().anyMatch(s -> s.contains("fd 0 ◀ pipe 0") && s.contains("fd 1 ▶ pipe 1")));
        assertTrue(texts(".pipe-count").stream().anyMatch(s -> s.contains("B waiting")));
        type(KeyCode.R);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
    }

    @Test
    void resetKillsTheRunAndStartsAFreshOne() {
        openLive();
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        waitUntil("the filters exist", () -> onFx(() -> host().player().events().stream().filter(e -> e.is("filter")).count()) == 4);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        assertFalse(first.containsAll(runPids()), "new pids after reset");
    }

    @Test
    void aSavedTraceReplaysForwardAndBackAndRenders(@TempDir Path dir) throws Exception {
        Trace recorded = Recordings.record(new PipelineScenario()).trace();
        Path file = dir.resolve("pipeline.ndjson");
        new TraceWriter(new EventCodec()).write(file, recorded);
        Trace trace = new TraceReader(new EventCodec()).read(file);
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        for (int i = 0; i < 12; i++) {
            type(KeyCode.SPACE);
        }
        int after = onFx(() -> player.cursorProperty().get());
        assertTrue(texts(".station-name").containsAll(java.util.List.of("split", "capitalise", "merge", "lower-first")));
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < after);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(after, (int) onFx(() -> player.cursorProperty().get()));
        fx(() -> player.seek(trace.events().size()));
        assertEquals("Result: theQuickBrownFoxJumpsOverTheLazyDog", text("#pipeline-output"));
        fx(() -> player.seek(0));
        assertEquals("", text("#pipeline-output"), "back at the start nothing has happened");
        WritableImage image = onFx(() -> SceneRenderer.renderNow(new PipelineScenario(), trace, 25));
        assertEquals(SceneRenderer.WIDTH, (int) image.getWidth());
    }
}
