package org.procstage.scenes.race;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.race.RaceState.Check;
import org.procstage.scenes.race.RaceState.Record;
import org.procstage.scenes.race.RaceState.Result;
import org.procstage.scenes.race.RaceState.Round;
import org.procstage.scenes.race.RaceState.Worker;
import org.procstage.session.ProbeControl;
import org.procstage.session.SceneModel;

/**
 * The race as a reducer: each round's processes, the shared record as their reads and writes
 * left it, each process's own copy of what it read, and every round's result. A lost update is
 * named when it happens: a write to the counter that does not raise it.
 */
public final class RaceViewModel implements SceneModel {
    private Round round = Round.NONE;
    private Record memory = Record.ZERO;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final Map<Integer, String> roleOfPid = new LinkedHashMap<>();
    private final Map<String, Integer> roundOfRole = new LinkedHashMap<>();
    private final Map<Integer, Result> results = new TreeMap<>();
    private int lockOwner;
    private String caption = RaceState.EMPTY.caption();
    private final SimpleObjectProperty<RaceState> state = new SimpleObjectProperty<>(RaceState.EMPTY);
    private ProbeControl control = ProbeControl.NONE;

    @Override
    public void reset() {
        round = Round.NONE;
        memory = Record.ZERO;
        workers.clear();
        roleOfPid.clear();
        roundOfRole.clear();
        results.clear();
        lockOwner = 0;
        caption = RaceState.EMPTY.caption();
    }

    @Override
    public void attach(ProbeControl control) {
        this.control = control;
    }

    @Override
    public void apply(ProbeEvent e) {
        switch (e.type()) {
            case "round" -> startRound(e);
            case "round-skipped" -> {
                int n = e.intField("round", 0);
                results.put(n, new Result(n, "round " + n, false, false, false, 0, 0, 0, 0, 0, true));
                caption = "Round " + n + " skipped.";
            }
            case "role" -> {
                String role = e.str("name", "?");
                roleOfPid.put(e.pid(), role);
                roundOfRole.put(role, e.intField("round", 0));
                workers.put(role, new Worker(role, e.pid(), '?', "", null, 0, "started", false, false, false, null));
            }
            case "read" -> onRead(e);
            case "write" -> onWrite(e);
            case "check" -> onCheck(e);
            case "acquire" -> update(e.pid(), w -> w.withDoing("wants the lock"));
            case "blocked" -> {
                update(e.pid(), w -> w.withLock(true, false, "BLOCKED: lock taken"));
                caption = who(e.pid()) + " wants the lock, but " + who(lockOwner)
                        + " holds it: " + who(e.pid()) + " is BLOCKED and sleeps in the kernel.";
            }
            case "acquired" -> {
                lockOwner = e.pid();
                update(e.pid(), w -> w.withLock(false, true, "holds the lock"));
                caption = who(e.pid()) + " got the lock: only it may touch the record now.";
            }
            case "release" -> {
                lockOwner = 0;
                update(e.pid(), w -> w.withLock(false, false, "released the lock"));
                caption = who(e.pid()) + " releases the lock; a waiter, if any, is woken.";
            }
            case "progress" -> {
                memory = new Record(null, null, e.longField("counter", memory.counter()));
                long done = e.longField("done", 0);
                update(e.pid(), w -> w.withDone(done, "has added 1 " + done + " times"));
                long total = workers.values().stream().mapToLong(Worker::done).sum();
                caption = String.format("Full speed: %,d increments done, counter = %,d%s", total, memory.counter(),
                        round.locked() ? "." : " — " + String.format("%,d", Math.max(0, total - memory.counter()))
                                + " lost so far (read-then-write races)");
            }
            case "state" -> {
                if (e.fromKernel()) {
                    String s = e.str("state", "?");
                    update(e.pid(), w -> w.withKernel(s.isEmpty() ? '?' : s.charAt(0), e.str("wchan", "")));
                }
            }
            case "exit" -> update(e.pid(), Worker::withExit);
            case "race-result" -> onResult(e);
            case "step" -> {
                String name = e.str("name", "");
                if (name.endsWith("all rounds done")) {
                    caption = summary();
                } else if (name.startsWith("parent: round")) {
                    String next = name.substring("parent: ".length());
                    caption = (caption.isEmpty() || round.number() == 0 ? "" : caption + " ")
                            + "Next: " + next + ".";
                }
            }
            default -> { }
        }
    }

    private void startRound(ProbeEvent e) {
        round = new Round(e.intField("round", 0), e.str("title", ""), e.bool("locked"), e.bool("byHand"),
                e.longField("perWorker", 0), e.bool("yieldInjected"), e.pid());
        memory = Record.ZERO;
        // A live run may deliver a child's "role" before the parent's "round" (two connections).
        workers.keySet().removeIf(role -> roundOfRole.getOrDefault(role, 0) != round.number());
        lockOwner = 0;
        caption = capitalised(round.title()) + (round.byHand()
                ? ": step A and B yourself — try A reads, B reads, A writes, B writes."
                : String.format(": A and B each add 1 to the counter %,d times.", round.perWorker()));
    }

    private void onRead(ProbeEvent e) {
        String field = e.str("field", "?");
        long value = e.longField("value", 0);
        if ("counter".equals(field)) {
            update(e.pid(), w -> w.withSeen(value, "read counter = " + value + ", will write " + (value + 1)));
            caption = who(e.pid()) + " READ counter = " + value + ". Its own copy now says " + value
                    + ", whatever happens to the shared counter.";
        } else {
            update(e.pid(), w -> w.withDoing("read " + field + " = " + value));
            caption = who(e.pid()) + " read " + field + " = " + value + ".";
        }
    }

    private void onWrite(ProbeEvent e) {
        String field = e.str("field", "?");
        long value = e.longField("value", 0);
        switch (field) {
            case "field1" -> memory = new Record(value, memory.field2(), memory.counter());
            case "field2" -> memory = new Record(memory.field1(), value, memory.counter());
            case "counter" -> {
                long before = memory.counter();
                memory = new Record(memory.field1(), memory.field2(), value);
                update(e.pid(), w -> w.withDone(w.done() + 1, "wrote counter = " + value));
                caption = value <= before
                        ? who(e.pid()) + " WROTE counter = " + value + " over " + before
                                + ": an update is LOST — it read the counter before the other wrote."
                        : who(e.pid()) + " WROTE counter = " + value + ".";
            }
            default -> { }
        }
    }

    private void onCheck(ProbeEvent e) {
        Check c = new Check(e.longField("field1", 0), e.longField("field2", 0), e.bool("torn"));
        update(e.pid(), w -> w.withCheck(c, c.torn() ? "caught a TORN record" : "record consistent"));
        caption = c.torn()
                ? "The reader saw field1 = " + c.field1() + " but field2 = " + c.field2()
                        + ": a TORN record — halves of two different updates."
                : "The reader saw field1 = field2 = " + c.field1() + ": one whole update.";
    }

    private void onResult(ProbeEvent e) {
        Result r = new Result(e.intField("round", 0), round.title(), e.bool("locked"), e.bool("byHand"),
                e.bool("yieldInjected"), e.longField("expected", 0), e.longField("final", 0), e.longField("lost", 0),
                e.longField("checks", 0), e.longField("torn", 0), false);
        results.put(r.round(), r);
        memory = new Record(memory.field1(), memory.field2(), r.counter());
        if (r.lost() > 0) {
            caption = String.format("%s: %,d increments, but counter = %,d — %,d updates LOST in this run "
                    + "(a different number every run).", capitalised(r.title()), r.expected(), r.counter(), r.lost());
        } else if (r.locked()) {
            caption = String.format("%s: %,d increments, counter = %,d — nothing lost: the lock let only one "
                    + "process at a time between read and write.", capitalised(r.title()), r.expected(), r.counter());
        } else {
            caption = String.format("%s: counter = %,d, nothing lost this time — the reads and writes did not "
                    + "interleave. Try again: A reads, B reads, A writes, B writes.", capitalised(r.title()), r.counter());
        }
    }

    /** One sentence comparing the rounds that ran. */
    private String summary() {
        List<String> parts = new ArrayList<>();
        for (Result r : results.values()) {
            if (!r.skipped()) {
                parts.add(String.format("round %d (%s, %s): %,d of %,d lost", r.round(), r.byHand() ? "by hand" : "full speed",
                        r.locked() ? "WITH lock" : "no lock", r.lost(), r.expected()));
            }
        }
        return parts.isEmpty() ? "All rounds skipped." : "Same code, only the lock differs — " + String.join("; ", parts) + ".";
    }

    private void update(int pid, UnaryOperator<Worker> change) {
        String role = roleOfPid.get(pid);
        Worker w = role == null ? null : workers.get(role);
        if (w != null && w.pid() == pid) {
            workers.put(role, change.apply(w));
        }
    }

    private String who(int pid) {
        String role = roleOfPid.get(pid);
        if (role == null) {
            return pid > 0 ? "pid " + pid : "another process";
        }
        return ("R".equals(role) ? "the reader R" : role) + " (pid " + pid + ")";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public void publish() {
        List<Worker> ordered = workers.values().stream().sorted(java.util.Comparator.comparing(Worker::role)).toList();
        RaceState now = new RaceState(round, memory, ordered,
                new ArrayList<>(results.values()), lockOwner, caption);
        if (!now.equals(state.get())) {
            state.set(now);
        }
    }

    public ReadOnlyObjectProperty<RaceState> stateProperty() {
        return state;
    }

    // ---- acting on the live probes ----

    /** Lets the process playing role (A, B or R) take its next step; false if it is not waiting. */
    public boolean stepRole(String role) {
        Worker w = workers.get(role);
        return w != null && waitsAtStep(w.pid()) && control.command(w.pid(), "go", Map.of());
    }

    /** Skips the round the parent is about to start (it waits at the round's step point). */
    public boolean skipRound() {
        return canSkip() && control.command(parentPid(), "skip", Map.of());
    }

    /** True while the parent waits at the step point that starts a round. */
    public boolean canSkip() {
        int parent = parentPid();
        return parent > 0 && control.live() && control.waiting().stream()
                .anyMatch(g -> g.pid() == parent && g.name().startsWith("parent: round"));
    }

    /** The probe's main process: it announces every round. */
    public int parentPid() {
        return round.parentPid() > 0 ? round.parentPid() : control.waiting().stream()
                .filter(g -> g.name().startsWith("parent:")).mapToInt(g -> g.pid()).findFirst().orElse(0);
    }

    public boolean waitsAtStep(int pid) {
        return control.live() && control.waiting().stream().anyMatch(g -> g.pid() == pid);
    }

    public boolean live() {
        return control.live();
    }
}
