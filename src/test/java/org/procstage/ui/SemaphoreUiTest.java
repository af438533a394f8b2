package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.semaphore.SemaphoreScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The semaphore scene in the real app, headless: live stepping, run, reset, save, replay. */
class SemaphoreUiTest extends FxAppHarness {
    @TempDir
    Path dir;

    private void openLive() {
        openLiveAtFirstStep(new SemaphoreScenario());
    }

    private String caption() {
        return texts("#semaphore-caption").get(0);
    }

    @Test
    void steppingShowsAFullRoomAndSleepersWithTheKernelsEvidence() throws Exception {
        openLive();
        PlayerViewModel player = host().player();
        Callable<Boolean> sleeperSeen = () -> texts(".sem-chip-asleep .sem-chip-pid").stream()
                .anyMatch(t -> t.equals("futex"));
        for (int i = 0; i < 60 && !sleeperSeen.call(); i++) {
            waitUntil("a step point", () -> sleeperSeen.call() || player.waitingProperty().get() > 0);
            if (!sleeperSeen.call()) {
                type(KeyCode.SPACE);
            }
        }
        waitUntil("the kernel's reading of a sleeper", sleeperSeen);
        assertTrue(texts(".sem-chip-asleep .sem-chip-pid").stream().anyMatch(t -> t.equals("futex")),
                "a sleeper shown with the kernel's evidence (S in a futex wait): " + texts(".sem-chip-pid"));
        assertTrue(texts(".sem-box-title").stream().anyMatch(t -> t.startsWith("The room: 3 of 3")),
                texts(".sem-box-title").toString());
        assertEquals("0", texts("#sem-value").get(0));
        List<Integer> sleepers = onFx(() -> List.copyOf(((org.procstage.scenes.semaphore.SemaphoreViewModel)
                player.model()).pictureProperty().get().queue()));
        sleepers.forEach(pid -> assertTrue(Processes.alive(pid), "sleeper " + pid + " is a real process"));
    }

    @Test
    void runPlaysTheLiveRunToItsEndAndTheSavedTraceReplaysTheSame() throws Exception {
        openLive();
        PlayerViewModel player = host().player();
        fx(() -> player.speedProperty().set(20));
        type(KeyCode.P);
        waitUntil("the run ends", 90, () -> player.modeProperty().get() == PlayerViewModel.Mode.REPLAY);
        waitUntil("the caption tells the end", () -> caption().startsWith("All 10 workers are done"));
        String end = caption();
        assertTrue(end.contains("At most 3"), end);
        assertEquals("3", texts("#sem-value").get(0));
        Set<Integer> pids = runPids();
        Processes.assertAllGone(pids);

        // Save (what Ctrl+S writes after its file dialog) and open it again.
        Path file = dir.resolve("semaphore.ndjson");
        new TraceWriter(new EventCodec()).write(file, onFx(player::recordedTrace));
        assertTrue(Files.size(file) > 0);
        Trace saved = new TraceReader(new EventCodec()).read(file);
        fx(() -> app.openTrace(saved));
        focus();
        PlayerViewModel replay = host().player();
        fx(() -> replay.seek(saved.events().size()));
        assertEquals(end, caption());
    }

    @Test
    void replayStepsForwardAndBackWithTheKeyboard() throws Exception {
        Trace trace = Recordings.record(new SemaphoreScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        for (int i = 0; i < 20; i++) {
            type(KeyCode.SPACE);
        }
        int forward = onFx(() -> player.cursorProperty().get());
        String there = caption();
        int rows = texts(".sem-row-name").size();
        assertTrue(rows >= 3, "workers on the timeline: " + rows);
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < forward);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(forward, (int) onFx(() -> player.cursorProperty().get()));
        assertEquals(there, caption(), "forward again shows the same picture");
        fx(() -> player.seek(trace.events().size()));
        assertEquals(10, texts(".sem-row-name").size());
        assertTrue(texts(".sem-row-phase").stream().allMatch("done"::equals), texts(".sem-row-phase").toString());
        type(KeyCode.R);
        assertEquals(0, (int) onFx(() -> player.cursorProperty().get()), "reset rewinds a replay");
    }

    @Test
    void resetKillsTheRunAndStartsAFreshOne() {
        openLive();
        for (int i = 0; i < 6; i++) {
            waitUntil("a step point", () -> host().player().waitingProperty().get() > 0);
            type(KeyCode.SPACE);
        }
        waitUntil("workers exist", () -> runPids().size() >= 6);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        assertFalse(first.containsAll(runPids()), "new pids after reset");
    }

    @Test
    void aSnapshotRendersTheScene() throws Exception {
        Trace trace = Recordings.record(new SemaphoreScenario()).trace();
        Path png = dir.resolve("semaphore.png");
        SceneRenderer.render(new SemaphoreScenario(), trace, -1, png).get(60, TimeUnit.SECONDS);
        assertTrue(Files.size(png) > 10_000, "a real picture");
    }
}
