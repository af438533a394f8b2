package org.procstage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.EventCodec;
import org.procstage.scenes.race.RaceScenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.FxAppHarness;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/** The race scene in the real app, headless: per-process stepping, skip, reset, replay, save. */
class RaceUiTest extends FxAppHarness {

    private String text(String id) {
        return onFx(() -> ((Label) lookup(id).query()).getText());
    }

    private boolean enabled(String id) {
        return onFx(() -> lookup(id).tryQuery().map(n -> n.isVisible() && !((Button) n).isDisabled()).orElse(false));
    }

    private void stepProcess(String role) {
        String id = "#step-" + role;
        waitUntil(role + " waits at a step point", () -> enabled(id));
        clickOn(id);
        waitUntil(role + " has taken its step and waits again", () -> enabled(id));
    }

    private void openLiveAndStartRoundOne() {
        fx(() -> app.openLive(new RaceScenario()));
        focus();
        waitUntil("the parent offers round 1", () -> enabled("#race-skip"));
        type(KeyCode.SPACE);
    }

    @Test
    void stepAReadsStepBReadsThenBothWriteAndOneUpdateIsLost() {
        openLiveAndStartRoundOne();
        stepProcess("A");
        stepProcess("B");
        assertEquals("0", text("#race-counter"));
        stepProcess("A");
        assertEquals("1", text("#race-counter"));
        stepProcess("B");
        assertEquals("1", text("#race-counter"), "B wrote what it read (0) + 1 again");
        assertTrue(text("#race-caption").contains("LOST"), text("#race-caption"));
        assertTrue(text("#race-lost-so-far").contains("2 increments done − counter 1 = 1 lost"),
                text("#race-lost-so-far"));
    }

    @Test
    void skipThenResetKillsTheRunAndStartsAgain() {
        openLiveAndStartRoundOne();
        waitUntil("round 1 processes exist", () -> runPids().size() >= 5);
        Set<Integer> first = runPids();
        type(KeyCode.R);
        Processes.assertAllGone(first);
        waitUntil("the new run offers round 1", () -> enabled("#race-skip"));
        clickOn("#race-skip");
        try {
            waitUntil("round 1 skipped, round 2 offered", () -> host().player().events().stream()
                    .anyMatch(e -> e.is("round-skipped")) && enabled("#race-skip"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " events " + host().player().events().stream().map(x -> x.type() + " " + x.str("name", "")).toList()
                    + " gates " + host().player().gates(), e);
        }
        assertTrue(text("#race-round").startsWith("Ready"), "no round ran: " + text("#race-round"));
        assertFalse(first.containsAll(runPids()));
    }

    @Test
    void replayRunsForwardAndBackAndSavesTheTrace() throws Exception {
        Trace trace = Recordings.record(new RaceScenario()).trace();
        fx(() -> app.openTrace(trace));
        focus();
        PlayerViewModel player = host().player();
        type(KeyCode.SPACE);
        type(KeyCode.SPACE);
        assertTrue(text("#race-round").startsWith("Round 3"), text("#race-round"));
        assertTrue(text("#race-result-lost-3").contains("LOST"), "round 3's result is on screen");
        assertTrue(text("#race-caption").contains("Next: round 4"), text("#race-caption"));
        int twoSteps = onFx(() -> player.cursorProperty().get());
        type(KeyCode.BACK_SPACE);
        assertTrue(onFx(() -> player.cursorProperty().get()) < twoSteps);
        assertTrue(lookup("#race-result-lost-3").tryQuery().isEmpty(), "stepped back to before round 3's result");
        fx(() -> player.speedProperty().set(4));
        type(KeyCode.P);
        waitUntil("the replay plays to its end", () -> player.cursorProperty().get() == trace.events().size());
        assertTrue(text("#race-caption").startsWith("Same code, only the lock differs"), text("#race-caption"));
        assertEquals("0", text("#race-result-lost-4"));

        Path saved = Files.createTempFile("race-", ".ndjson");
        new TraceWriter(new EventCodec()).write(saved, onFx(player::recordedTrace));
        Trace back = new TraceReader(new EventCodec()).read(saved);
        Files.delete(saved);
        assertEquals(trace.events().size(), back.events().size());
        fx(() -> app.openTrace(back));
        fx(() -> host().player().seek(back.events().size()));
        assertTrue(text("#race-result-lost-3").contains("LOST"));
    }
}
