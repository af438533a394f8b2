package org.procstage.scenes.condvar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.indexOf;
import static org.procstage.testing.Recordings.ofType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procstage.kernel.FutexWaitObserver;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.testing.PacedRuns;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real condvar probe: the sleeper costs no CPU, the spinner does, 22 comes first. */
class CondvarLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;
    private static int consumer;
    private static int busy;
    private static int producer;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new CondvarScenario());
        events = run.trace().events();
        consumer = pidOf("consumer");
        busy = pidOf("busy");
        producer = pidOf("producer");
    }

    private static int pidOf(String role) {
        return events.stream().filter(e -> e.is("role") && role.equals(e.str("role", ""))).findFirst().orElseThrow().pid();
    }

    private static int probeIndex(int pid, String type) {
        return indexOf(events, e -> !e.fromKernel() && e.pid() == pid && e.is(type));
    }

    private static List<ProbeEvent> cpu(int pid, long from, long to) {
        return events.stream().filter(e -> e.fromKernel() && e.is("cputime") && e.pid() == pid
                && e.t() >= from && e.t() <= to).toList();
    }

    @Test
    void theConsumerWakesOnlyAfterTheTwentyTwoIsWrittenAndSignalled() {
        int lucky = indexOf(events, e -> e.pid() == producer && e.is("write") && e.intField("value", 0) == 22);
        int signal = probeIndex(producer, "cond-signal");
        int waits = probeIndex(consumer, "cond-wait");
        assertTrue(lucky >= 0 && signal > lucky, "the producer wrote 22, then signalled");
        assertTrue(waits >= 0 && waits < lucky, "the consumer was already waiting");
        List<ProbeEvent> wakes = events.stream().filter(e -> e.pid() == consumer && e.is("wake")).toList();
        assertEquals(1, wakes.size(), "one wake-up: no signal before the 22");
        assertTrue(events.indexOf(wakes.get(0)) > signal);
        assertTrue(wakes.get(0).t() > events.get(lucky).t());
        // and the numbers before the 22 were written while the consumer slept
        assertTrue(events.stream().filter(e -> e.pid() == producer && e.is("write")).count() >= 5);
        ProbeEvent readAfter = events.subList(events.indexOf(wakes.get(0)), events.size()).stream()
                .filter(e -> e.pid() == consumer && e.is("read")).findFirst().orElseThrow();
        assertEquals(22, readAfter.intField("value", 0));
    }

    @Test
    void theMutexNeverHasTwoOwners() {
        Integer owner = null;
        for (ProbeEvent e : events) {
            if (e.fromKernel()) {
                continue;
            }
            if (e.is("acquired") && "mutex".equals(e.str("lock", ""))) {
                assertEquals(null, owner, "acquired while held: " + e);
                owner = e.pid();
            } else if ((e.is("release") && "mutex".equals(e.str("lock", ""))) || e.is("cond-wait")) {
                assertEquals((Integer) e.pid(), owner, "only the owner releases: " + e);
                owner = null;
            }
        }
        assertEquals(null, owner);
    }

    @Test
    void sleepingCostsNoCpuWhileSpinningCostsMuch() {
        long waitFrom = events.get(probeIndex(consumer, "cond-wait")).t();
        long waitTo = events.get(probeIndex(consumer, "wake")).t();
        List<ProbeEvent> sleeper = cpu(consumer, waitFrom, waitTo);
        assertTrue(!sleeper.isEmpty(), "the kernel's CPU time was read while the consumer waited");
        long sleeperTicks = sleeper.stream().mapToLong(e -> e.longField("ticks", 0)).max().orElseThrow();
        assertTrue(sleeperTicks <= 5, "the waiting consumer used " + sleeperTicks + " ticks (<= 5 = 50 ms)");
        List<ProbeEvent> spinner = cpu(busy, 0, Long.MAX_VALUE);
        long spinnerTicks = spinner.stream().mapToLong(e -> e.longField("ticks", 0)).max().orElse(0);
        // Generous on a shared, loaded machine: the spinner may get only a slice of a CPU.
        assertTrue(spinnerTicks >= 10 && spinnerTicks >= 4 * (sleeperTicks + 1),
                "the spinner used " + spinnerTicks + " ticks against the sleeper's " + sleeperTicks);
        assertTrue(spinner.size() >= 2, "the spinner's CPU time kept growing: " + spinner);
        System.out.println("condvar CPU ticks: sleeping consumer " + sleeperTicks + ", busy consumer " + spinnerTicks
                + ", checks " + ofType(events, "spin-end").get(0).longField("checks", -1));
    }

    @Test
    void theKernelShowsTheConsumerAsleepOnTheCondvarsFutex() {
        ProbeEvent cond = events.stream().filter(e -> e.is("shared") && "cond".equals(e.str("object", ""))).findFirst()
                .orElseThrow();
        long start = FutexWaitObserver.parseAddress(cond.str("addr", ""));
        long end = start + cond.longField("size", 0);
        long waitFrom = events.get(probeIndex(consumer, "cond-wait")).t();
        long signalAt = events.get(probeIndex(producer, "cond-signal")).t();
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("futex") && e.pid() == consumer
                && e.t() > waitFrom && e.t() < signalAt
                && FutexWaitObserver.parseAddress(e.str("addr", "")) >= start
                && FutexWaitObserver.parseAddress(e.str("addr", "")) < end), "futex address inside the condvar");
        assertTrue(events.stream().anyMatch(e -> e.fromKernel() && e.is("state") && e.pid() == consumer
                && "S".equals(e.str("state", "")) && e.str("wchan", "").contains("futex")
                && e.t() > waitFrom && e.t() < signalAt), "state S in a futex wait");
    }

    @Test
    void everyProcessIsReapedAndNoneSurvives() {
        assertEquals(3, ofType(events, "fork").size());
        Recordings.assertCleanEnd(run);
    }

    @Test
    void theReducerEndsWithAFreeMutexAndTheLuckyNumber() {
        CondvarViewModel model = new CondvarViewModel();
        events.forEach(model::apply);
        model.publish();
        CondvarPicture p = model.pictureProperty().get();
        assertEquals(0, p.mutexOwner());
        assertTrue(p.condQueue().isEmpty() && p.signalled().isEmpty() && p.mutexWaiters().isEmpty());
        assertEquals(22, p.numbers().get(p.numbers().size() - 1).value());
        assertTrue(p.busyChecks() > 0);
        assertEquals(3, p.actors().size());
        assertTrue(p.actors().stream().allMatch(Actor::exited));
    }

    @Test
    void aPacedRunCannotDeadlockWhenStepped() throws Exception {
        CondvarScenario scenario = new CondvarScenario();
        try (ProcessStarter starter = new ProcessStarter();
             PlayerViewModel player = new PlayerViewModel(scenario.id(), scenario::runSpec, new CondvarViewModel(),
                     LiveRunFactory.of(new ProbeInstaller(), starter), Runnable::run)) {
            player.startLive(true);
            int steps = PacedRuns.stepToEnd(player, 200);
            List<ProbeEvent> paced = player.events();
            assertEquals(1, ofType(paced, "run-end").size());
            assertEquals(1, paced.stream().filter(e -> e.is("wake")).count());
            assertTrue(paced.stream().noneMatch(e -> e.is("spin-end") && e.bool("gaveUp")));
            Set<Integer> pids = new HashSet<>();
            paced.forEach(e -> pids.add(e.pid()));
            Processes.assertAllGone(pids);
        }
    }
}
