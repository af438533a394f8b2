package org.procstage.scenes.mutex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.mutex.MutexState.FastPath;
import org.procstage.scenes.mutex.MutexState.Kind;
import org.procstage.scenes.mutex.MutexState.Proc;
import org.procstage.scenes.mutex.MutexState.Sample;
import org.procstage.scenes.mutex.MutexState.Segment;
import org.procstage.session.SceneModel;

/**
 * The mutex as a reducer: who owns it, who waits (in the order they blocked), the kernel's state
 * of each waiter, and a timeline of critical sections and waits. Ownership changes only on the
 * probes' own acquired/release events; the kernel's state events are shown beside them as evidence.
 */
public final class MutexViewModel implements SceneModel {
    private static final int MAX_SAMPLES = 400;

    private final Map<Integer, Proc> procs = new LinkedHashMap<>();
    private final List<MutexState.Waiting> queue = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> file = new ArrayList<>();
    private int owner;
    private int ownerGrant;
    private long ownerSince;
    private long start;
    private long now;
    private FastPath uncontended;
    private FastPath contended;
    private String caption = MutexState.EMPTY.caption();
    private final SimpleObjectProperty<MutexState> state = new SimpleObjectProperty<>(MutexState.EMPTY);

    @Override
    public void reset() {
        procs.clear();
        queue.clear();
        segments.clear();
        samples.clear();
        written.clear();
        file.clear();
        owner = 0;
        ownerGrant = 0;
        ownerSince = 0;
        start = 0;
        now = 0;
        uncontended = null;
        contended = null;
        caption = MutexState.EMPTY.caption();
    }

    @Override
    public void apply(ProbeEvent e) {
        now = Math.max(now, e.t());
        switch (e.type()) {
            case "hello" -> {
                if (!"procstage-stage".equals(e.str("comm", "")) && procs.isEmpty()) {
                    procs.put(e.pid(), new Proc(e.pid(), "main"));
                }
            }
            case "role" -> procs.put(e.pid(), new Proc(e.pid(), e.str("name", "?")));
            case "acquire" -> {
                begin(e);
                update(e.pid(), p -> p.withDoing("calls lock()"));
                caption = who(e.pid()) + " calls lock().";
            }
            case "blocked" -> {
                begin(e);
                if (queue.stream().noneMatch(w -> w.pid() == e.pid())) {
                    queue.add(new MutexState.Waiting(e.pid(), e.t()));
                }
                segments.add(new Segment(e.pid(), Kind.WAIT, e.t(), -1, 0));
                update(e.pid(), p -> p.withDoing("BLOCKED: waits for the lock"));
                caption = who(e.pid()) + " wants the lock, but " + who(owner) + " holds it: " + who(e.pid())
                        + " BLOCKS and joins the queue.";
            }
            case "acquired" -> onAcquired(e);
            case "release" -> {
                close(e.pid(), Kind.HOLD, e.t());
                if (owner == e.pid()) {
                    owner = 0;
                    ownerGrant = 0;
                    ownerSince = 0;
                }
                update(e.pid(), p -> p.withDoing("released the lock"));
                caption = who(e.pid()) + " unlocks" + (queue.isEmpty() ? ": nobody is waiting."
                        : ": the kernel wakes a waiter (" + queue.size() + " waiting).");
            }
            case "log-write" -> {
                written.add(e.str("text", ""));
                caption = who(e.pid()) + " appended its line — in 3 pieces, and nobody could cut in.";
            }
            case "log-file" -> {
                file.clear();
                if (e.fields().get("lines") instanceof List<?> lines) {
                    lines.forEach(l -> file.add(String.valueOf(l)));
                }
                caption = "The log file read back: " + file.size() + " whole lines, in the order the lock was granted.";
            }
            case "state" -> {
                if (e.fromKernel()) {
                    String s = e.str("state", "?");
                    String wchan = e.str("wchan", "");
                    update(e.pid(), p -> p.withKernel(s.isEmpty() ? '?' : s.charAt(0), wchan, e.t()));
                    if (s.startsWith("S") && wchan.contains("futex") && samples.size() < MAX_SAMPLES) {
                        samples.add(new Sample(e.pid(), e.t(), wchan));
                    }
                }
            }
            case "exit" -> update(e.pid(), Proc::withExit);
            default -> { }
        }
    }

    private void onAcquired(ProbeEvent e) {
        begin(e);
        queue.removeIf(w -> w.pid() == e.pid());
        close(e.pid(), Kind.WAIT, e.t());
        // A lock has one owner: if a live run delivered this before the old owner's release (they
        // come over different connections), the old section ends no later than now; the release,
        // when it arrives, puts the exact time.
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.kind() == Kind.HOLD && s.open() && s.pid() != e.pid()) {
                segments.set(i, s.closedAt(e.t()));
            }
        }
        int grant = e.intField("grant", 0);
        owner = e.pid();
        ownerGrant = grant;
        ownerSince = e.t();
        segments.add(new Segment(e.pid(), Kind.HOLD, e.t(), -1, grant));
        boolean wasContended = e.bool("contended");
        FastPath measured = new FastPath(e.pid(), wasContended, e.longField("switchesBefore", 0),
                e.longField("switchesAfter", 0));
        if (wasContended) {
            contended = measured;
        } else if (uncontended == null) {
            uncontended = measured;
        }
        update(e.pid(), p -> p.withDoing("HOLDS the lock"));
        caption = wasContended
                ? who(e.pid()) + " was woken and now holds the lock: it slept through "
                        + measured.slept() + " voluntary context switch(es) to get it."
                : who(e.pid()) + " got the lock at once: nobody held it, so no sleep (context switches "
                        + measured.before() + " → " + measured.after() + ").";
    }

    private void begin(ProbeEvent e) {
        if (start == 0) {
            start = e.t();
        }
        if (!procs.containsKey(e.pid())) {
            procs.put(e.pid(), new Proc(e.pid(), "main"));
        }
    }

    private void close(int pid, Kind kind, long t) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.pid() == pid && s.kind() == kind) {
                if (s.open() || s.end() > t) {
                    segments.set(i, s.closedAt(t));
                }
                return;
            }
        }
    }

    private void update(int pid, UnaryOperator<Proc> change) {
        Proc p = procs.get(pid);
        if (p != null) {
            procs.put(pid, change.apply(p));
        }
    }

    private String who(int pid) {
        Proc p = procs.get(pid);
        if (p == null) {
            return pid > 0 ? "pid " + pid : "another process";
        }
        return ("main".equals(p.role()) ? "the main process" : p.role()) + " (pid " + pid + ")";
    }

    @Override
    public void publish() {
        MutexState s = new MutexState(owner, ownerGrant, ownerSince, List.copyOf(queue), List.copyOf(procs.values()),
                List.copyOf(segments), List.copyOf(samples), start, now, List.copyOf(written), List.copyOf(file),
                uncontended, contended, caption);
        if (!s.equals(state.get())) {
            state.set(s);
        }
    }

    public ReadOnlyObjectProperty<MutexState> stateProperty() {
        return state;
    }
}
