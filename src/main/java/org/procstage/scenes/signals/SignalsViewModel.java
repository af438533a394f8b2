package org.procstage.scenes.signals;

import static org.procstage.scenes.signals.SignalNames.sig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.signals.SignalBoard.Bits;
import org.procstage.scenes.signals.SignalBoard.Delivery;
import org.procstage.scenes.signals.SignalBoard.Proc;
import org.procstage.scenes.signals.SignalBoard.Stage;
import org.procstage.session.ProbeControl;
import org.procstage.session.SceneModel;

/**
 * Signal delivery as a reducer. The bits are the kernel's (sigstate from /proc/PID/status), the
 * states are the kernel's (state), a handler run is the probe's own report. Events from different
 * processes can arrive in either order (the sender reports kill() after it returned, the handler
 * may already have run): a handler seen before its kill is matched when the kill arrives.
 */
public final class SignalsViewModel implements SceneModel {
    private static final int TIMELINE = 7;

    private final SimpleObjectProperty<SignalBoard> board = new SimpleObjectProperty<>(SignalBoard.EMPTY);
    private final SimpleBooleanProperty live = new SimpleBooleanProperty();
    private final Map<Integer, Proc> procs = new LinkedHashMap<>();
    private final Map<Integer, Integer> runs = new TreeMap<>();
    private final Map<Integer, Integer> handlersBeforeKill = new HashMap<>();
    private final java.util.Set<Integer> openKills = new java.util.HashSet<>();
    // The receiver's blocked and ignored sets as last told — by /proc or by its own successful
    // sigprocmask/sigaction, whichever came last (a sample may lag a call by 20 ms).
    private long knownBlocked;
    private long knownIgnored;
    private final List<String> refusals = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private int receiver;
    private int parent;
    private Delivery delivery;
    private String caption = "";
    private ProbeControl control = ProbeControl.NONE;

    @Override
    public void reset() {
        procs.clear();
        runs.clear();
        handlersBeforeKill.clear();
        openKills.clear();
        knownBlocked = 0;
        knownIgnored = 0;
        refusals.clear();
        timeline.clear();
        receiver = 0;
        parent = 0;
        delivery = null;
        caption = "";
    }

    @Override
    public void attach(ProbeControl control) {
        this.control = control;
        live.set(control.live());
    }

    @Override
    public void apply(ProbeEvent e) {
        switch (e.type()) {
            case "role" -> onRole(e);
            case "fork" -> {
                int child = e.intField("child", 0);
                if (e.pid() == parent && !procs.containsKey(child)) {
                    procs.put(child, new Proc(child, "child", '?', Bits.NONE, "", false, ""));
                }
                say("the parent, pid " + e.pid() + ", forked pid " + child);
            }
            case "sigstate" -> onSigstate(e);
            case "state" -> onState(e);
            case "kill" -> onKill(e);
            case "kill-error" -> {
                int s = e.intField("signo", 0);
                if (e.intField("target", 0) == receiver) {
                    openKills.remove(s);
                    delivery = null;
                }
                say(who(e.pid()) + ": kill(" + e.str("target", "?") + ", " + sig(s) + ") failed, errno "
                        + e.str("errno", "?"));
            }
            case "handler" -> onHandler(e);
            case "sigreturn" -> {
                if (e.pid() == receiver && delivery != null && delivery.stage() == Stage.HANDLER) {
                    delivery = new Delivery(delivery.signo(), Stage.RESUMED, "the handler returned (sigreturn): the "
                            + "receiver's interrupted " + e.str("resumedIn", "code") + " runs again");
                    caption = "sigreturn: the kernel restores the receiver's saved context — its work resumes";
                }
            }
            case "sigaction" -> {
                int signo = e.intField("signo", 0);
                if (e.pid() == receiver && signo >= 1 && signo <= 64) {
                    long bit = 1L << (signo - 1);
                    knownIgnored = "ignore".equals(e.str("action", "")) ? knownIgnored | bit : knownIgnored & ~bit;
                }
                String what = switch (e.str("action", "")) {
                    case "handler" -> "installed a handler for";
                    case "ignore" -> "now ignores";
                    default -> "restored the default action of";
                };
                say(who(e.pid()) + " " + what + " " + sig(e.intField("signo", 0)));
            }
            case "sigaction-error" -> {
                String line = "sigaction(" + sig(e.intField("signo", 0)) + ") → " + e.str("error", "error") + " ("
                        + e.str("errno", "?") + ")";
                refusals.add(line);
                say(who(e.pid()) + ": " + line + " — the kernel refuses to let " + sig(e.intField("signo", 0))
                        + " be caught");
            }
            case "mask" -> onMask(e);
            case "exit" -> onExit(e);
            case "reap" -> {
                int child = e.intField("child", 0);
                String how = e.has("signal") ? "killed by " + sig(e.intField("signal", 0)) : "exit code " + e.str("code", "?");
                update(child, p -> new Proc(p.pid(), p.role(), p.state(), p.bits(), p.fate().isEmpty() ? how : p.fate(),
                        true, p.note()));
                say("pid " + e.pid() + " reaped " + roleOf(child) + " pid " + child + ": waitpid says " + how);
            }
            case "work" -> update(e.pid(), p -> withNote(p, "working… " + e.intField("ms", 0) / 1000.0 + " s"));
            case "timeout" -> {
                update(e.pid(), p -> withNote(p, "timeout after " + e.intField("timeoutMs", 0) + " ms"));
                say("guard pid " + e.pid() + ": the worker ran too long (" + e.intField("timeoutMs", 0) + " ms)");
            }
            default -> { }
        }
    }

    private void onRole(ProbeEvent e) {
        String role = e.str("role", "?");
        Proc known = procs.get(e.pid());
        procs.put(e.pid(), new Proc(e.pid(), role, known == null ? '?' : known.state(), known == null ? Bits.NONE : known.bits(),
                known == null ? "" : known.fate(), false,
                "guard".equals(role) ? "guards pid " + e.str("target", "?") + ": " + e.str("timeoutMs", "?") + " ms" : ""));
        if ("receiver".equals(role)) {
            receiver = e.pid();
            say("the receiver, pid " + e.pid() + ", is running: it waits for work");
        } else if ("parent".equals(role)) {
            parent = e.pid();
        }
    }

    private void onSigstate(ProbeEvent e) {
        Bits bits = new Bits(e.str("pending", ""), e.str("shdPending", ""), e.str("blocked", ""),
                e.str("ignored", ""), e.str("caught", ""));
        update(e.pid(), p -> new Proc(p.pid(), p.role(), p.state(), bits, p.fate(), p.gone(), p.note()));
        if (e.pid() != receiver) {
            return;
        }
        knownBlocked = Bits.value(bits.blocked());
        knownIgnored = Bits.value(bits.ignored());
        if (delivery == null) {
            return;
        }
        int s = delivery.signo();
        if (delivery.stage() == Stage.SENT && !bits.pendingAnyhow(s) && bits.has("ignored", s)) {
            delivery = new Delivery(s, Stage.DISCARDED, sig(s) + " is ignored: the kernel discarded it — never pending");
            openKills.remove(s);
        }
        if (bits.pendingAnyhow(s) && List.of(Stage.SENT, Stage.PENDING, Stage.HELD).contains(delivery.stage())) {
            String held = heldBecause(s);
            delivery = new Delivery(s, held.isEmpty() ? Stage.PENDING : Stage.HELD, held.isEmpty()
                    ? "the kernel shows " + sig(s) + " pending" : sig(s) + " stays pending: " + held);
            caption = "the kernel shows " + sig(s) + " pending in the receiver" + (held.isEmpty() ? "" : " — " + held);
        }
    }

    private boolean ignored(int signo) {
        return signo >= 1 && signo <= 64 && (knownIgnored >>> (signo - 1) & 1) == 1;
    }

    private String heldBecause(int signo) {
        Proc r = procs.get(receiver);
        if (r == null) {
            return "";
        }
        if (signo >= 1 && signo <= 64 && (knownBlocked >>> (signo - 1) & 1) == 1) {
            return "it is blocked, so it waits until unblocked";
        }
        if ((r.state() == 'T' || r.state() == 't') && signo != 9 && signo != 18) {
            return "the receiver is stopped, so it waits for SIGCONT";
        }
        return "";
    }

    private void onState(ProbeEvent e) {
        String st = e.str("state", "?");
        char now = st.isEmpty() ? '?' : st.charAt(0);
        Proc before = procs.get(e.pid());
        if (before == null) {
            return;
        }
        update(e.pid(), p -> new Proc(p.pid(), p.role(), now, p.bits(), p.fate(), p.gone(), p.note()));
        if (e.pid() != receiver) {
            return;
        }
        boolean wasStopped = before.state() == 'T' || before.state() == 't';
        if (now == 'T' && !wasStopped) {
            int s = delivery != null ? delivery.signo() : 19;
            delivery = new Delivery(s, Stage.STOPPED, "default action of " + sig(s) + ": stop — the kernel shows state T");
            caption = "the kernel shows the receiver stopped (state T): it runs no code at all until SIGCONT";
            log("receiver pid " + e.pid() + " is stopped (T)");
        } else if (wasStopped && now != 'T' && now != 'Z') {
            delivery = new Delivery(18, Stage.CONTINUED, "SIGCONT: the receiver runs again (state " + now + ")");
            caption = "the receiver runs again (state " + now + "): signals that waited are delivered now";
            log("receiver pid " + e.pid() + " continues (" + now + ")");
        }
    }

    private void onKill(ProbeEvent e) {
        int target = e.intField("target", 0);
        int s = e.intField("signo", 0);
        int result = e.intField("result", 0);
        String call = who(e.pid()) + " called kill(" + target + ", " + sig(s) + ")";
        if (result != 0) {
            say(call + " failed (errno " + result + ")");
            return;
        }
        if (target != receiver) {
            say(call + (procs.containsKey(target) ? " — to the " + roleOf(target) : ""));
            return;
        }
        log(call);
        if (handlersBeforeKill.getOrDefault(s, 0) > 0) {
            // the handler already reported: this is the kill it answered
            handlersBeforeKill.merge(s, -1, Integer::sum);
            return;
        }
        if (ignored(s)) {
            delivery = new Delivery(s, Stage.DISCARDED, sig(s) + " is ignored: the kernel discards it at once — never pending");
            caption = call + ": ignored, so the kernel throws it away — it is never pending";
            return;
        }
        String held = heldBecause(s);
        Proc r = procs.get(receiver);
        if (!openKills.add(s) && r != null && r.bits().pendingAnyhow(s)) {
            // a second kill of a pending standard signal adds nothing: one handler run answers both
            caption = call + ": " + sig(s) + " is already pending — one bit per signal, the second is not queued";
            return;
        }
        delivery = new Delivery(s, held.isEmpty() ? Stage.SENT : Stage.HELD,
                held.isEmpty() ? "kill(): the kernel marks " + sig(s) + " pending" : sig(s) + " stays pending: " + held);
        caption = call + (held.isEmpty() ? ": the kernel marks it pending in the receiver" : ": pending — " + held);
    }

    private void onHandler(ProbeEvent e) {
        int s = e.intField("signo", 0);
        if (e.pid() == parent && s == 17) {
            String what = "child pid " + e.str("from", "?") + " " + SignalNames.childEvent(e.intField("code", 0));
            update(parent, p -> withNote(p, "SIGCHLD handler: " + what));
            say("the parent's SIGCHLD handler ran: " + what);
            return;
        }
        if (e.pid() != receiver) {
            return;
        }
        runs.merge(s, 1, Integer::sum);
        if (!openKills.remove(s)) {
            handlersBeforeKill.merge(s, 1, Integer::sum);
        }
        delivery = new Delivery(s, Stage.HANDLER, "on its way back to user mode the kernel found " + sig(s)
                + " pending, pushed a frame and ran the handler");
        caption = "the receiver's handler for " + sig(s) + " runs (sent by pid " + e.str("from", "?") + ")";
        log("receiver: handler for " + sig(s) + " runs");
    }

    private void onMask(ProbeEvent e) {
        int s = e.intField("signo", 0);
        if (e.pid() == receiver) {
            knownBlocked = Bits.value(e.str("blocked", ""));
        }
        boolean block = "block".equals(e.str("op", ""));
        boolean inMask = Bits.bit(e.str("blocked", ""), s);
        if (block && !inMask) {
            say(who(e.pid()) + " tried to block " + sig(s) + ": the kernel silently left it out of the mask");
        } else {
            say(who(e.pid()) + (block ? " blocks " : " unblocks ") + sig(s) + " — blocked mask now " + e.str("blocked", "?"));
        }
    }

    private void onExit(ProbeEvent e) {
        String fate = e.has("signal") ? "killed by " + sig(e.intField("signal", 0)) : "exit(" + e.str("code", "?") + ")";
        update(e.pid(), p -> new Proc(p.pid(), p.role(), p.state(), p.bits(), fate, p.gone(), p.note()));
        if (e.has("signal")) {
            int s = e.intField("signal", 0);
            if (e.pid() == receiver) {
                delivery = new Delivery(s, Stage.TERMINATED, "no handler: the default action of " + sig(s) + " ends the process");
            }
            say("the kernel says " + roleOf(e.pid()) + " pid " + e.pid() + " was " + fate + " — a zombie until its parent waits");
        }
    }

    private static Proc withNote(Proc p, String note) {
        return new Proc(p.pid(), p.role(), p.state(), p.bits(), p.fate(), p.gone(), note);
    }

    private void update(int pid, java.util.function.UnaryOperator<Proc> change) {
        Proc p = procs.get(pid);
        if (p != null) {
            procs.put(pid, change.apply(p));
        }
    }

    private String roleOf(int pid) {
        Proc p = procs.get(pid);
        return p == null ? "process" : p.role();
    }

    private String who(int pid) {
        Proc p = procs.get(pid);
        return p == null ? "pid " + pid + " (the app)" : p.role() + " pid " + pid;
    }

    private void say(String text) {
        caption = text;
        log(text);
    }

    private void log(String text) {
        timeline.add(text);
        if (timeline.size() > TIMELINE) {
            timeline.remove(0);
        }
    }

    @Override
    public void publish() {
        List<Proc> others = procs.values().stream().filter(p -> p.pid() != receiver && p.pid() != parent).toList();
        SignalBoard now = new SignalBoard(procs.get(receiver), procs.get(parent), others, delivery, Map.copyOf(runs),
                List.copyOf(refusals), List.copyOf(timeline), caption);
        live.set(control.live());
        if (!now.equals(board.get())) {
            board.set(now);
        }
    }

    public ReadOnlyObjectProperty<SignalBoard> boardProperty() {
        return board;
    }

    /** True while a live run can take the student's signals and commands. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live;
    }

    private boolean receiverAlive() {
        Proc r = procs.get(receiver);
        return control.live() && r != null && !r.gone() && r.fate().isEmpty();
    }

    /** The app really calls kill(receiver, signo) (through the stage, which reports it). */
    public boolean send(int signo) {
        if (!receiverAlive() || signo < 1 || signo > 64) {
            return false;
        }
        control.signal(receiver, signo);
        return true;
    }

    /** Asks the receiver to change its mask or disposition: block, unblock, handle, ignore, default. */
    public boolean order(String what, int signo) {
        if (!receiverAlive() || !List.of("block", "unblock", "handle", "ignore", "default").contains(what)) {
            return false;
        }
        return control.command(receiver, what, Map.of("signo", signo));
    }
}
