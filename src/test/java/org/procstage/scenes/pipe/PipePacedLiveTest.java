package org.procstage.scenes.pipe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.Processes;

/**
 * A paced run driven like a student would: shrink the pipe, step the writer until the kernel shows
 * it blocked, step the reader 512 bytes at a time, close the writer, read to EOF. No FX thread: a
 * single "UI" thread owns the player's observables, and the test reads them only on it.
 */
class PipePacedLiveTest {
    private final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    private boolean onUi(BooleanSupplier condition) {
        try {
            return ui.submit(condition::getAsBoolean).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onUi(condition)) {
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
                     LiveRunFactory.of(new ProbeInstaller(), starter), ui)) {
            ui.submit(() -> player.startLive(true)).get(10, TimeUnit.SECONDS);
            waitFor("the parent waits at its first step point", () -> model.parentPid() > 0 && waits(player, model.parentPid()));
            int parent = ui.submit(model::parentPid).get();
            assertTrue(onUi(() -> model.controls().setShrink(true)));
            waitFor("the probe confirms the option", () -> model.sceneProperty().get().shrink() && waits(player, parent));
            onUi(() -> model.controls().step(parent)); // make the pipe
            waitFor("the pipe, shrunk", () -> model.sceneProperty().get().pipe() != null
                    && model.sceneProperty().get().pipe().capacity() == 4096 && waits(player, parent));
            onUi(() -> model.controls().step(parent)); // fork
            waitFor("writer and reader wait", () -> proc(model, "writer") != null && proc(model, "reader") != null
                    && waits(player, proc(model, "writer").pid()) && waits(player, proc(model, "reader").pid())
                    && waits(player, parent));
            int writer = ui.submit(() -> proc(model, "writer").pid()).get();
            int reader = ui.submit(() -> proc(model, "reader").pid()).get();
            onUi(() -> model.controls().step(parent)); // close both ends

            onUi(() -> model.controls().step(writer)); // 16 x 512 into 4096 bytes: blocks on the ninth
            waitFor("the kernel shows the writer blocked in pipe_write with the pipe full", () -> {
                PipeScene s = model.sceneProperty().get();
                return proc(model, "writer").asleepIn("pipe_write") && s.pipe().fill() == 4096
                        && proc(model, "writer").written() == 4096;
            });
            assertTrue(onUi(() -> model.sceneProperty().get().wake().asleep()));

            onUi(() -> model.controls().read(reader, 512, 7));
            waitFor("seven reads done", () -> proc(model, "reader").read() == 3584 && waits(player, reader));
            assertTrue(onUi(() -> proc(model, "writer").written() == 4096), "3584 bytes read: no page free, the writer sleeps on");
            onUi(() -> model.controls().read(reader, 512, 1));
            waitFor("the eighth read frees the page and the writer finishes its burst",
                    () -> waits(player, writer) && proc(model, "writer").written() == 8192);
            assertTrue(onUi(() -> Long.valueOf(4096).equals(model.sceneProperty().get().wake().wokeAfter())));

            onUi(() -> model.controls().closeWriter(writer));
            waitFor("the reader waits again", () -> waits(player, reader));
            onUi(() -> model.controls().read(reader, 4096, 1024));
            waitFor("EOF after all 8192 bytes", () -> player.events().stream().anyMatch(e -> e.is("eof") && e.pid() == reader)
                    && proc(model, "reader").read() == 8192);

            Set<Integer> pids = ui.submit(() -> player.events().stream().map(ProbeEvent::pid)
                    .collect(Collectors.toSet())).get();
            ui.submit(player::close).get();
            Processes.assertAllGone(pids);
        }
    }

    private static boolean waitsAt(PlayerViewModel player, int pid, String name) {
        return player.gates().stream().anyMatch(g -> g.pid() == pid && g.name().contains(name));
    }

    /** Waits until pid is at the step point named so, then lets it go with the given action. */
    private void at(PlayerViewModel player, PidOf who, String name, java.util.function.IntPredicate action)
            throws Exception {
        waitFor(name, () -> who.pid() > 0 && waitsAt(player, who.pid(), name));
        int pid = ui.submit(who::pid).get();
        assertTrue(onUi(() -> action.test(pid)), name);
    }

    private interface PidOf {
        int pid();
    }

    @Test
    void theBugToggleKeepsTheParentsWriteEndAndRepeatRunsEofAgain() throws Exception {
        PipeScenario scenario = new PipeScenario();
        PipeViewModel model = new PipeViewModel();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, model,
                     LiveRunFactory.of(new ProbeInstaller(), starter), ui)) {
            ui.submit(() -> player.startLive(true)).get(10, TimeUnit.SECONDS);
            PipeControls c = model.controls();
            PidOf parent = model::parentPid;
            PidOf writer = () -> proc(model, "writer") == null ? 0 : proc(model, "writer").pid();
            PidOf reader = () -> proc(model, "reader") == null ? 0 : proc(model, "reader").pid();
            waitFor("the first step point", () -> model.parentPid() > 0 && waitsAt(player, model.parentPid(), "make a pipe"));
            assertTrue(onUi(() -> c.setForget(true)));
            waitFor("the probe confirms the option", () -> model.sceneProperty().get().forget()
                    && waitsAt(player, model.parentPid(), "make a pipe"));
            for (int phase = 1; phase <= 2; phase++) { // through the flow phases: close the writer, read all
                at(player, parent, "make a pipe", c::step);
                at(player, parent, "fork a writer", c::step);
                at(player, parent, "close both ends", c::step);
                at(player, writer, "writer: write", c::closeWriter);
                at(player, reader, "reader: read", pid -> c.read(pid, 4096, 1024));
            }
            at(player, parent, "fork a writer", c::step);
            at(player, parent, "keeps the write end", c::step);
            at(player, writer, "write one message", c::step);
            at(player, reader, "reader: read", c::step);  // the message
            at(player, reader, "reader: read", c::step);  // and then it waits: no EOF
            waitFor("the reader asleep in pipe_read, the parent's write end named as the reason", () -> {
                PipeScene s = model.sceneProperty().get();
                // Not the caption: it tells the latest event, and the writer's exit may come after the block.
                return proc(model, "reader").asleepIn("pipe_read")
                        && s.pipe().writeHolders().stream().anyMatch(h -> h.startsWith("parent"));
            });
            at(player, parent, "finally close", c::step);
            waitFor("EOF, and the parent offers to repeat", () -> player.events().stream().anyMatch(e -> e.is("eof")
                    && e.intField("total", 0) == 6) && waitsAt(player, model.parentPid(), "Repeat"));
            long firstRound = ui.submit(() -> model.sceneProperty().get().pipe().inode()).get();
            assertTrue(onUi(() -> c.setForget(false)));
            waitFor("option taken", () -> !model.sceneProperty().get().forget() && waitsAt(player, model.parentPid(), "Repeat"));
            at(player, parent, "Repeat", pid -> c.repeatEof());
            waitFor("a new EOF round on a new pipe", () -> model.sceneProperty().get().pipe().inode() != firstRound
                    && waitsAt(player, model.parentPid(), "fork a writer"));

            Set<Integer> pids = ui.submit(() -> player.events().stream().map(ProbeEvent::pid)
                    .collect(Collectors.toSet())).get();
            ui.submit(player::close).get();
            Processes.assertAllGone(pids);
        }
    }
}
