package org.procstage.scenes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.procstage.testing.Recordings.indexOf;
import static org.procstage.testing.Recordings.ofType;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procstage.session.StepBoundaries;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.ScenarioRecorder;
import org.procstage.testing.Processes;
import org.procstage.testing.Recordings;

/** Runs the real signals probe; checks the kernel's bitmaps and states against what was sent. */
class SignalsLiveTest {
    private static ScenarioRecorder.Recording run;
    private static List<ProbeEvent> events;
    private static int receiver;
    private static int parent;

    @BeforeAll
    static void record() throws Exception {
        run = Recordings.record(new SignalsScenario());
        events = run.trace().events();
        receiver = role("receiver");
        parent = role("parent");
    }

    private static int role(String name) {
        return events.stream().filter(e -> e.is("role") && name.equals(e.str("role", ""))).findFirst().orElseThrow().pid();
    }

    private static boolean bit(ProbeEvent sigstate, String field, int signo) {
        return SignalBoard.Bits.bit(sigstate.str(field, ""), signo);
    }

    private static boolean pending(ProbeEvent s, int signo) {
        return bit(s, "pending", signo) || bit(s, "shdPending", signo);
    }

    private static Predicate<ProbeEvent> receiverSigstate() {
        return e -> e.is("sigstate") && e.fromKernel() && e.pid() == receiver;
    }

    private static int after(int from, Predicate<ProbeEvent> p) {
        for (int i = from + 1; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aHandlerForSigusr1RunsInTheReceiverAndItResumes() {
        int handler = indexOf(events, e -> e.is("handler") && e.pid() == receiver && e.intField("signo", 0) == 10);
        assertTrue(handler >= 0, "handler for SIGUSR1 ran");
        assertEquals(parent, events.get(handler).intField("from", 0), "si_pid names the sender");
        assertTrue(after(handler, e -> e.is("sigreturn") && e.pid() == receiver) > handler);
        assertTrue(events.stream().anyMatch(e -> e.is("kill") && e.pid() == parent && e.intField("target", 0) == receiver
                && e.intField("signo", 0) == 10), "the parent is the sender, pid = sender");
    }

    @Test
    void theIgnoredSighupIsNeverPending() {
        assertTrue(events.stream().anyMatch(e -> e.is("kill") && e.intField("signo", 0) == 1));
        assertTrue(events.stream().filter(receiverSigstate()).anyMatch(s -> bit(s, "ignored", 1)),
                "the kernel shows SIGHUP ignored");
        assertTrue(events.stream().filter(receiverSigstate()).noneMatch(s -> pending(s, 1)), "SIGHUP never pending");
        assertTrue(events.stream().noneMatch(e -> e.is("handler") && e.intField("signo", 0) == 1));
    }

    @Test
    void blockedSigusr2StaysPendingUntilUnblockedThenItsHandlerRunsOnce() {
        int pendingWhileBlocked = indexOf(events, e -> receiverSigstate().test(e) && pending(e, 12) && bit(e, "blocked", 12));
        assertTrue(pendingWhileBlocked >= 0, "a sigstate shows SIGUSR2 pending while blocked");
        int unblock = after(pendingWhileBlocked, e -> e.is("mask") && e.pid() == receiver && "unblock".equals(e.str("op", "")));
        int handler = indexOf(events, e -> e.is("handler") && e.pid() == receiver && e.intField("signo", 0) == 12);
        assertTrue(handler > pendingWhileBlocked, "the handler for 12 after the pending sigstate");
        assertTrue(unblock > handler, "the handler ran inside the unblocking sigprocmask, before it returned");
        int cleared = after(handler, e -> receiverSigstate().test(e) && !pending(e, 12));
        assertTrue(cleared > handler, "a sigstate after the handler without SIGUSR2 pending");
        assertTrue(after(cleared, e -> receiverSigstate().test(e) && pending(e, 12)) < 0, "and it stays delivered");
        long kills = events.stream().filter(e -> e.is("kill") && e.intField("target", 0) == receiver
                && e.intField("signo", 0) == 12).count();
        long runs = events.stream().filter(e -> e.is("handler") && e.pid() == receiver && e.intField("signo", 0) == 12).count();
        assertEquals(2, kills, "sent twice while blocked");
        assertEquals(1, runs, "a pending standard signal is delivered once");
    }

    @Test
    void sigstopGivesStateTASignalSentMeanwhileWaitsAndSigcontLeavesT() {
        int stop = indexOf(events, e -> e.is("kill") && e.intField("target", 0) == receiver && e.intField("signo", 0) == 19);
        int stopped = after(stop, e -> e.is("state") && e.fromKernel() && e.pid() == receiver && "T".equals(e.str("state", "")));
        assertTrue(stopped > stop, "state T after SIGSTOP");
        int waiting = after(stopped, e -> receiverSigstate().test(e) && pending(e, 10));
        int cont = indexOf(events, e -> e.is("kill") && e.intField("target", 0) == receiver && e.intField("signo", 0) == 18);
        assertTrue(waiting > stopped && waiting < cont, "SIGUSR1 seen pending while stopped, before SIGCONT");
        int resumed = after(cont, e -> e.is("state") && e.fromKernel() && e.pid() == receiver && !"T".equals(e.str("state", "")));
        assertTrue(resumed > cont, "SIGCONT leaves T");
        assertTrue(after(waiting, e -> e.is("handler") && e.pid() == receiver && e.intField("signo", 0) == 10) > 0,
                "the waiting SIGUSR1 is handled once it runs again");
    }

    @Test
    void sigkillAndSigstopCannotBeCaught() {
        List<ProbeEvent> errors = ofType(events, "sigaction-error");
        assertTrue(errors.stream().anyMatch(e -> e.pid() == receiver && e.intField("signo", 0) == 9
                && e.intField("errno", 0) == 22), "sigaction(SIGKILL) → EINVAL: " + errors);
        assertTrue(errors.stream().anyMatch(e -> e.intField("signo", 0) == 19 && e.intField("errno", 0) == 22));
        ProbeEvent blockKill = events.stream().filter(e -> e.is("mask") && e.intField("signo", 0) == 9).findFirst().orElseThrow();
        assertFalse(SignalBoard.Bits.bit(blockKill.str("blocked", ""), 9), "SIGKILL silently left out of the mask");
    }

    @Test
    void anUnhandledSigtermEndsTheReceiverTheKernelSaysSoAndTheParentReapsIt() {
        ProbeEvent exit = events.stream().filter(e -> e.is("exit") && e.pid() == receiver).findFirst().orElseThrow();
        assertTrue(exit.fromKernel(), "read from /proc/PID/stat while a zombie");
        assertEquals(15, exit.intField("signal", 0));
        ProbeEvent reap = events.stream().filter(e -> e.is("reap") && e.intField("child", 0) == receiver).findFirst().orElseThrow();
        assertEquals(parent, reap.pid());
        assertEquals(15, reap.intField("signal", 0));
        assertTrue(events.indexOf(exit) < events.indexOf(reap));
    }

    @Test
    void sigchldReachesTheParentWhenAChildStopsContinuesAndEnds() {
        List<Integer> codes = events.stream().filter(e -> e.is("handler") && e.pid() == parent && e.intField("signo", 0) == 17)
                .map(e -> e.intField("code", 0)).toList();
        assertTrue(codes.contains(5), "CLD_STOPPED: " + codes);
        assertTrue(codes.contains(6), "CLD_CONTINUED: " + codes);
        assertTrue(codes.contains(2), "CLD_KILLED: " + codes);
        assertTrue(codes.contains(1), "CLD_EXITED (the guard): " + codes);
    }

    @Test
    void theGuardEndsTheLongRunningWorkerWithSigintAfterItsTimeout() {
        int worker = role("worker");
        int guard = role("guard");
        int timeout = indexOf(events, e -> e.is("timeout") && e.pid() == guard);
        int kill = after(timeout, e -> e.is("kill") && e.pid() == guard && e.intField("target", 0) == worker);
        assertTrue(kill > timeout);
        assertEquals(2, events.get(kill).intField("signo", 0));
        assertTrue(events.stream().anyMatch(e -> e.is("exit") && e.fromKernel() && e.pid() == worker
                && e.intField("signal", 0) == 2));
        assertTrue(events.stream().anyMatch(e -> e.is("reap") && e.intField("child", 0) == worker && e.intField("signal", 0) == 2));
        assertTrue(events.stream().anyMatch(e -> e.is("work") && e.pid() == worker), "the worker was working");
    }

    @Test
    void noProcessSurvivesTheRun() {
        assertEquals(1, ofType(events, "run-end").size());
        Processes.assertAllGone(run.pids());
    }

    @Test
    void theReducerEndsWithTheReceiverKilledBySigterm() {
        SignalsViewModel model = new SignalsViewModel();
        events.forEach(model::apply);
        model.publish();
        SignalBoard b = model.boardProperty().get();
        assertEquals(receiver, b.receiver().pid());
        assertTrue(b.receiver().gone());
        assertEquals("killed by SIGTERM", b.receiver().fate());
        assertEquals(2, b.handlerRuns().get(10));
        assertEquals(1, b.handlerRuns().get(12));
        assertEquals(2, b.refusals().size());
    }

    @Test
    void aSavedTraceReplaysToTheSameBoardAtEveryStep(@TempDir java.nio.file.Path dir) throws Exception {
        Recordings.assertSavedTraceReplaysTheSame(run.trace(), dir, (trace, n) -> boardAfter(trace, n));
    }

    private static SignalBoard boardAfter(List<ProbeEvent> trace, int steps) {
        SignalsViewModel model = new SignalsViewModel();
        trace.subList(0, StepBoundaries.afterSteps(trace, steps)).forEach(model::apply);
        model.publish();
        return model.boardProperty().get();
    }
}
