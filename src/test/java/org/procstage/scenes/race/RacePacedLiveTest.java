package org.procstage.scenes.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.Processes;
import org.procstage.trace.TraceWriter;

/**
 * The race probe, paced, stepped per process as a student would: A reads, B reads, the reader
 * reads field1, A writes, B writes, the reader reads field2 — a lost update and a torn read,
 * by hand. Then the locked round: a blocked process that the kernel shows asleep in a futex wait.
 */
class RacePacedLiveTest {
    private static void waitFor(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static Optional<ProbeEvent> find(PlayerViewModel p, java.util.function.Predicate<ProbeEvent> what) {
        return p.events().stream().filter(what).findFirst();
    }

    private static int pidOf(PlayerViewModel p, String role, int round) {
        return find(p, e -> e.is("role") && role.equals(e.str("name", "")) && e.intField("round", 0) == round)
                .orElseThrow().pid();
    }

    /** Lets role go one step and waits until it is at its next step point (its step is done). */
    private static void step(RaceViewModel model, String role) throws InterruptedException {
        waitFor(role + " waits at a step point and is let go", () -> model.stepRole(role));
        // The model applies events before it publishes them: wait for the published worker.
        int[] pid = {0};
        waitFor(role + " is on screen", () -> {
            model.stateProperty().get().workers().stream().filter(w -> w.role().equals(role))
                    .findFirst().ifPresent(w -> pid[0] = w.pid());
            return pid[0] > 0;
        });
        waitFor(role + " reaches its next step point", () -> model.waitsAtStep(pid[0]));
    }

    @Test
    void aStudentMakesALostUpdateAndATornReadByHandThenTheLockMakesOthersWait() throws Exception {
        RaceScenario scenario = new RaceScenario();
        RaceViewModel model = new RaceViewModel();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, model,
                     LiveRunFactory.of(new ProbeInstaller(), starter), Runnable::run)) {
            player.startLive(true);
            waitFor("the parent offers round 1", model::canSkip);
            player.step();
            waitFor("A, B and R wait at their first step", () -> player.waitingProperty().get() == 3);
            for (String role : List.of("A", "B", "R", "A", "B", "R")) {
                step(model, role);
            }
            int a = pidOf(player, "A", 1);
            int b = pidOf(player, "B", 1);
            waitFor("the reader's verdict", () -> find(player, e -> e.is("check")).isPresent());
            waitFor("both writes", () -> player.events().stream()
                    .filter(e -> e.is("write") && "counter".equals(e.str("field", ""))).count() == 2);
            List<ProbeEvent> counterWrites = player.events().stream()
                    .filter(e -> e.is("write") && "counter".equals(e.str("field", ""))).toList();
            assertEquals(List.of(a, b), counterWrites.stream().map(ProbeEvent::pid).toList());
            assertEquals(List.of(1L, 1L), counterWrites.stream().map(e -> e.longField("value", 0)).toList(),
                    "A and B both read 0 and both wrote 1: one update lost");
            ProbeEvent check = find(player, e -> e.is("check")).orElseThrow();
            assertTrue(check.bool("torn"), "field1 read before the writes, field2 after: " + check);
            assertEquals(1, model.stateProperty().get().memory().counter());

            // Space (oldest first) finishes round 1, then round 2 with the lock.
            waitFor("round 1 ends and round 2 runs with the lock", () -> {
                if (find(player, e -> e.is("blocked")).isPresent()) {
                    return true;
                }
                player.step();
                return false;
            });
            ProbeEvent result1 = find(player, e -> e.is("race-result") && e.intField("round", 0) == 1).orElseThrow();
            assertTrue(result1.longField("lost", 0) >= 1, "round 1: " + result1);
            int blocked = find(player, e -> e.is("blocked")).orElseThrow().pid();
            waitFor("the kernel shows the blocked process asleep in a futex wait", () -> player.events().stream()
                    .anyMatch(e -> e.fromKernel() && e.is("state") && e.pid() == blocked
                            && "S".equals(e.str("state", "")) && e.str("wchan", "").contains("futex")));
            waitFor("round 2 ends", () -> {
                if (find(player, e -> e.is("race-result") && e.intField("round", 0) == 2).isPresent()) {
                    return true;
                }
                // Events reach the model a moment after they happen: never step past the gate
                // where the parent offers round 3, which this test wants to skip.
                if (!model.canSkip()) {
                    player.step();
                }
                return false;
            });
            ProbeEvent result2 = find(player, e -> e.is("race-result") && e.intField("round", 0) == 2).orElseThrow();
            assertEquals(0, result2.longField("lost", -1), "with the lock: " + result2);

            for (int round : new int[] {3, 4}) {
                waitFor("the parent offers round " + round, model::skipRound);
                waitFor("round " + round + " skipped", () -> find(player,
                        e -> e.is("round-skipped") && e.intField("round", 0) == round).isPresent());
            }
            // The event list fills before the model publishes: wait for the published results.
            waitFor("all four results on screen", () -> model.stateProperty().get().results().size() >= 4);
            assertEquals(List.of(1, 2, 3, 4), model.stateProperty().get().results().stream()
                    .map(RaceState.Result::round).toList());
            new TraceWriter(new EventCodec()).write(Path.of("target", "race-paced.ndjson"), player.recordedTrace());
            var pids = player.events().stream().map(ProbeEvent::pid).collect(java.util.stream.Collectors.toSet());
            player.close();
            Processes.assertAllGone(pids);
        }
    }
}
