package org.procstage.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.scenes.forktree.ForkTreeScenario;
import org.procstage.scenes.forktree.ForkTreeViewModel;
import org.procstage.testing.Processes;

/** The player view model driving a real paced probe, with no FX thread at all. */
class PlayerLiveTest {
    private static void waitFor(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void stepsAPacedProbeOneStepPointAtATime() throws Exception {
        ForkTreeScenario scenario = new ForkTreeScenario();
        ForkTreeViewModel model = new ForkTreeViewModel();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, model,
                     LiveRunFactory.of(new ProbeInstaller(), starter), Runnable::run)) {
            player.startLive(true);
            waitFor("first gate", () -> player.waitingProperty().get() == 1);
            int before = player.events().size();
            Thread.sleep(200);
            // A paced probe does nothing until the student steps.
            assertTrue(player.events().stream().noneMatch(e -> e.is("fork")), "no fork before the first step");
            player.step();
            waitFor("the fork after one step", () -> player.events().stream().anyMatch(e -> e.is("fork")));
            for (int i = 0; i < 3; i++) {
                waitFor("a gate", () -> player.waitingProperty().get() > 0);
                player.step();
            }
            waitFor("three processes besides the stage", () -> model.processes().size() >= 4);
            assertTrue(player.events().size() > before);
            var pids = player.events().stream().map(e -> e.pid()).collect(java.util.stream.Collectors.toSet());
            player.close();
            Processes.assertAllGone(pids);
        }
    }
}
