package org.procstage.scenes.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.Processes;

/**
 * A paced run driven like a student would: shrink the pipe, step the writer until the kernel shows
 * it blocked, step the reader 512 bytes at a time, close the writer, read to EOF. No FX thread.
 */
class PipePacedLiveTest {
    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static boolean waits(PlayerViewModel player, int pid) {
        return player.gates().stream().anyMatch(g -> g.pid() == pid);
    }

    private static PipeScene.Proc proc(PipeViewModel model, String role) {
        return model.sceneProperty().get().processes().stream().filter(p -> role.equals(p.role())).findFirst()
                .orElse(null);
    }

    @Test
    void theStudentStepsWriterAndReaderIndependentlyThroughAShrunkPipe() throws Exception {
        PipeScenario scenario = new PipeScenario();
        PipeViewModel model = new PipeViewModel();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, model,
                     LiveRunFactory.of(new ProbeInstaller(), starter), Runnable::run)) {
            player.startLive(true);
            waitFor("the parent waits at its first step point", () -> model.parentPid() > 0 && waits(player, model.parentPid()));
            int parent = model.parentPid();
            assertTrue(model.controls().setShrink(true));
            waitFor("the probe confirms the option", () -> model.sceneProperty().get().shrink() && waits(player, parent));
            model.controls().step(parent); // make the pipe
            waitFor("the pipe, shrunk", () -> model.sceneProperty().get().pipe() != null
                    && model.sceneProperty().get().pipe().capacity() == 4096 && waits(player, parent));
            model.controls().step(parent); // fork
            waitFor("writer and reader wait", () -> proc(model, "writer") != null && proc(model, "reader") != null
                    && waits(player, proc(model, "writer").pid()) && waits(player, proc(model, "reader").pid())
                    && waits(player, parent));
            int writer = proc(model, "writer").pid();
            int reader = proc(model, "reader").pid();
            model.controls().step(parent); // close both ends

            model.controls().step(writer); // 16 x 512 into 4096 bytes: blocks on the ninth
            waitFor("the kernel shows the writer blocked in pipe_write with the pipe full", () -> {
                PipeScene s = model.sceneProperty().get();
                return proc(model, "writer").asleepIn("pipe_write") && s.pipe().fill() == 4096
                        && proc(model, "writer").written() == 4096;
            });
            assertTrue(model.sceneProperty().get().wake().asleep());

            model.controls().read(reader, 512, 7);
            waitFor("seven reads done", () -> proc(model, "reader").read() == 3584 && waits(player, reader));
            assertEquals(4096, proc(model, "writer").written(), "3584 bytes read: no page free, the writer sleeps on");
            model.controls().read(reader, 512, 1);
            waitFor("the eighth read frees the page and the writer finishes its burst",
                    () -> waits(player, writer) && proc(model, "writer").written() == 8192);
            assertEquals(4096L, model.sceneProperty().get().wake().wokeAfter());

            model.controls().closeWriter(writer);
            waitFor("the reader waits again", () -> waits(player, reader));
            model.controls().read(reader, 4096, 1024);
            waitFor("EOF after all 8192 bytes", () -> player.events().stream().anyMatch(e -> e.is("eof") && e.pid() == reader)
                    && proc(model, "reader").read() == 8192);

            Set<Integer> pids = player.events().stream().map(ProbeEvent::pid).collect(Collectors.toSet());
            player.close();
            Processes.assertAllGone(pids);
        }
    }
}
