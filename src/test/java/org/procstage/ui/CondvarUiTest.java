package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.condvar.CondvarScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The condvar scene in the real app, headless: cond_wait step by step, run, reset, save, replay. */
class CondvarUiTest extends FxAppHarness {
    @TempDir
    Path dir;

    private void openLive() {
        openLiveAtFirstStep(new CondvarScenario());
    }

    private String caption() {
        return texts("#condvar-caption").get(0);
    }

    /** Steps one process at a time until done holds; checks again before every step, never overshoots a state that lasts. */
    private void stepUntil(String what, Callable<Boolean> done) throws Exception {
        for (int i = 0; i < 80 && !done.call(); i++) {
            waitUntil(what + " or a step point", () -> done.call() || host().player().waitingProperty().get() > 0);
            if (done.call()) {
                break;
            }
            type(KeyCode.SPACE);
        }
        waitUntil(what, done);
    }

    @Test
    void steppingShowsCondWaitReleasingTheMutexThenTheSignalAndTheReacquire() throws Exception {
        openLive();
        stepUntil("the consumer sleeps in cond_wait",
                () -> texts(".cv-chip").stream().anyMatch(t -> t.startsWith("Consumer: asleep")));
        assertFalse(texts("#cv-mutex-owner").get(0).contains("Consumer"), "cond_wait released the mutex");
        waitUntil("the kernel shows it asleep on the condvar's futex",
                () -> texts(".cv-card-kernel").stream().anyMatch(t -> t.contains("asleep on the condvar's futex")));
        stepUntil("the producer signals", () -> texts(".cv-chip").stream().anyMatch(t -> t.contains("woken by the signal")));
        assertTrue(texts("#cv-mutex-owner").get(0).contains("Producer"), "the producer still holds the mutex");
        waitUntil("the kernel shows the woken consumer asleep on the mutex's futex",
                () -> texts(".cv-card-kernel").stream().anyMatch(t -> t.contains("asleep on the mutex's futex")));
        stepUntil("the consumer re-acquires", () -> texts("#cv-mutex-owner").get(0).contains("Consumer"));
        assertTrue(texts(".cv-number").contains("22"));
    }

    @Test
    void runPlaysToTheEndTheSpinnerBurnedCpuAndTheSavedTraceReplaysTheSame() throws Exception {
        openLive();
        PlayerViewModel player = host().player();
        fx(() -> player.speedProperty().set(20));
        type(KeyCode.P);
        waitUntil("the run ends", 90, () -> player.modeProperty().get() == PlayerViewModel.Mode.REPLAY);
        Processes.assertAllGone(runPids());
        long busy = ticks("#cv-cpu-busy");
        long consumer = ticks("#cv-cpu-consumer");
        assertTrue(busy > consumer, "busy " + busy + " ticks, consumer " + consumer);
        String end = caption();

        Path file = dir.resolve("condvar.ndjson");
        new TraceWriter(new EventCodec()).write(file, onFx(player::recordedTrace));
        Trace saved = new TraceReader(new EventCodec()).read(file);
        fx(() -> app.openTrace(saved));
        focus();
        PlayerViewModel replay = host().player();
        fx(() -> replay.seek(saved.events().size()));
        assertEquals(end, caption());
        assertEquals(busy, ticks("#cv-cpu-busy"));
    }

    private long ticks(String id) {
        String t = texts(id).get(0);
        return t.startsWith("not") ? -1 : Long.parseLong(t.substring(0, t.indexOf(' ')));
    }

    @Test
    void replayStepsForwardAndBackWithTheKeyboard() throws Exception {
        Trace trace = Recordings.record(new CondvarScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        for (int i = 0; i < 12; i++) {
            type(KeyCode.SPACE);
        }
        int forward = onFx(() -> player.cursorProperty().get());
        String there = caption();
        type(KeyCode.BACK_SPACE);
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < forward);
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertEquals(forward, (int) onFx(() -> player.cursorProperty().get()));
        assertEquals(there, caption());
        fx(() -> player.seek(trace.events().size()));
        assertTrue(texts(".cv-written").contains("★22"), texts(".cv-written").toString());
        assertEquals("free", texts("#cv-mutex-owner").get(0));
    }

    @Test
    void resetKillsTheRunIncludingTheSpinner() {
        openLive();
        for (int i = 0; i < 4; i++) {
            waitUntil("a step point", () -> host().player().waitingProperty().get() > 0);
            type(KeyCode.SPACE);
        }
        waitUntil("the three children exist", () -> runPids().size() >= 5);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("a new run waits", () -> host().player().waitingProperty().get() > 0);
        assertFalse(first.containsAll(runPids()), "new pids after reset");
    }

    @Test
    void aSnapshotRendersTheScene() throws Exception {
        Trace trace = Recordings.record(new CondvarScenario()).trace();
        Path png = dir.resolve("condvar.png");
        SceneRenderer.render(new CondvarScenario(), trace, -1, png).get(60, TimeUnit.SECONDS);
        assertTrue(Files.size(png) > 10_000, "a real picture");
    }
}
