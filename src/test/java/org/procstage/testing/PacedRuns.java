package org.procstage.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.procstage.session.PlayerViewModel;

/** Drives a paced live run the way a student pressing Space would. */
public final class PacedRuns {
    private PacedRuns() {
    }

    /**
     * Steps until the run has ended: proves a paced run cannot deadlock (somebody is always at a
     * step point while it is live). Returns the number of steps taken.
     */
    public static int stepToEnd(PlayerViewModel player, int maxSteps) throws InterruptedException {
        int steps = 0;
        while (player.modeProperty().get() == PlayerViewModel.Mode.LIVE) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (player.waitingProperty().get() == 0 && player.modeProperty().get() == PlayerViewModel.Mode.LIVE) {
                assertTrue(System.nanoTime() < deadline, "stuck after " + steps + " steps: nobody at a step point");
                Thread.sleep(5);
            }
            player.step();
            assertTrue(++steps < maxSteps, "too many steps");
        }
        return steps;
    }
}
