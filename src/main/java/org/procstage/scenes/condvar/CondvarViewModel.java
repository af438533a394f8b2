package org.procstage.scenes.condvar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.kernel.FutexWaitObserver;
import org.procstage.protocol.ProbeEvent;
import org.procstage.session.SceneModel;

/**
 * The "lucky 22" monitor as a reducer: who holds the mutex, who sleeps in the condition variable,
 * who a signal has woken but still needs the mutex, the numbers written, and the kernel's CPU
 * ticks for each way of waiting. pthread_cond_wait is shown as its parts: the release-and-sleep
 * (the consumer's "cond-wait"), the wake-up (the producer's "cond-signal", confirmed by the kernel
 * moving the consumer to the mutex's futex) and the re-acquire (cond_wait returning: "wake").
 */
public final class CondvarViewModel implements SceneModel {
    private static final List<String> ORDER = List.of("producer", "consumer", "busy");

    private final Map<Integer, Actor> actors = new LinkedHashMap<>();
    private final Map<String, long[]> objects = new LinkedHashMap<>(); // name -> {addr, size}
    private final List<Integer> mutexWaiters = new ArrayList<>();
    private final List<Integer> condQueue = new ArrayList<>();
    private final List<Integer> signalled = new ArrayList<>();
    private final List<CondvarPicture.Written> numbers = new ArrayList<>();
    private int owner;
    /** The pid whose cond_wait last released the mutex (0: it was unlocked, or taken since). */
    private int releasedBy;
    private long busyChecks = -1;
    private String action = "";
    private final ObjectProperty<CondvarPicture> picture = new SimpleObjectProperty<>(CondvarPicture.empty());

    @Override
    public void reset() {
        actors.clear();
        objects.clear();
        mutexWaiters.clear();
        condQueue.clear();
        signalled.clear();
        numbers.clear();
        owner = 0;
        releasedBy = 0;
        busyChecks = -1;
        action = "";
    }

    @Override
    public void apply(ProbeEvent e) {
        int pid = e.pid();
        switch (e.type()) {
            case "shared" -> {
                objects.put(e.str("object", "?"), new long[] {FutexWaitObserver.parseAddress(e.str("addr", "")),
                        e.longField("size", 0)});
                action = "Main put a mutex and a condition variable in shared memory: together, a monitor";
            }
            case "role" -> actors.put(pid, actors.getOrDefault(pid, Actor.fresh(pid)).withRole(e.str("role", "?")));
            case "acquire" -> act(pid, "locks the mutex", who(pid) + " locks the mutex");
            case "blocked" -> {
                add(mutexWaiters, pid);
                act(pid, "waits for the mutex", who(pid) + " must wait: the mutex is held by " + name(owner));
            }
            case "acquired" -> {
                owner = pid;
                boolean wasBlocked = mutexWaiters.remove((Integer) pid);
                boolean again = e.bool("reacquired");
                act(pid, again ? "holds the mutex again" : "holds the mutex", again
                        ? "pthread_cond_wait has returned: the woken " + name(pid) + " holds the mutex again (re-acquired)"
                        : !wasBlocked ? who(pid) + " holds the mutex: nobody else can lock it now"
                        : releasedBy > 0 ? who(pid) + " was blocked on the mutex and gets it now: the " + name(releasedBy)
                        + "'s cond_wait released it" : who(pid) + " was blocked on the mutex and gets it now");
                releasedBy = 0;
            }
            case "release" -> {
                if (owner == pid) {
                    owner = 0;
                }
                releasedBy = 0;
                boolean wokenWaits = signalled.stream().anyMatch(mutexWaiters::contains);
                act(pid, "unlocked the mutex", who(pid) + " unlocks the mutex"
                        + (wokenWaits ? ": now the woken consumer can take it back" : ""));
            }
            case "read" -> {
                int v = e.intField("value", 0);
                act(pid, "read number = " + v, who(pid) + " reads number = " + v
                        + (v == 22 ? ": the lucky number!" : ": not 22"));
            }
            case "cond-wait" -> {
                if (owner == pid) {
                    owner = 0;
                }
                add(condQueue, pid);
                releasedBy = pid;
                act(pid, "in cond_wait: mutex released, asleep", who(pid)
                        + " calls pthread_cond_wait: it releases the mutex and goes to sleep, in one atomic step");
            }
            case "write" -> {
                int v = e.intField("value", 0);
                boolean forced = e.bool("forced");
                numbers.add(new CondvarPicture.Written(v, forced));
                act(pid, "wrote " + v, who(pid) + " writes number " + e.str("index", "?") + ": " + v
                        + (v != 22 ? "" : forced ? " (forced: the list ran long) — the lucky number!" : " — the lucky number!"));
            }
            case "cond-signal" -> {
                if (!condQueue.isEmpty()) {
                    int woken = condQueue.remove(0); // a signal wakes one waiter
                    add(signalled, woken);
                    add(mutexWaiters, woken);
                    update(woken, a -> a.doing("woken: needs the mutex back"));
                }
                act(pid, "signalled lucky", who(pid) + " signals lucky: the consumer wakes up, but must get the mutex"
                        + " back" + (owner == pid ? " — and the producer still holds it" : ""));
            }
            case "wake" -> {
                condQueue.remove((Integer) pid);
                signalled.remove((Integer) pid);
                mutexWaiters.remove((Integer) pid);
                act(pid, "cond_wait returned", "pthread_cond_wait returns in the " + name(pid) + ": woken by the signal");
            }
            case "spin" -> act(pid, "spinning: checks the number nonstop", who(pid)
                    + " checks the number again and again: no lock, no sleep — it never gives the CPU away");
            case "spin-end" -> {
                busyChecks = e.longField("checks", -1);
                boolean gaveUp = e.bool("gaveUp");
                act(pid, gaveUp ? "gave up spinning" : "saw 22", who(pid) + (gaveUp ? " gave up" : " saw 22")
                        + " after checking the number " + String.format("%,d", busyChecks) + " times");
            }
            case "exit" -> {
                if (actors.containsKey(pid)) {
                    actors.put(pid, actors.get(pid).exit());
                }
            }
            case "state" -> kernel(pid, a -> a.withKernel(first(e.str("state", "?")), e.str("wchan", "")));
            case "futex" -> futex(pid, objectAt(e.str("addr", "")));
            case "cputime" -> kernel(pid, a -> a.withTicks(e.longField("ticks", -1)));
            default -> { }
        }
    }

    private void futex(int pid, String on) {
        Actor before = actors.get(pid);
        kernel(pid, a -> a.withFutex(on));
        if (before == null || before.futexOn().equals(on) || !"consumer".equals(before.role())) {
            return;
        }
        if (on.equals("mutex") && signalled.contains(pid)) {
            action = "The kernel shows the consumer awake from the condvar and now asleep on the mutex's futex: "
                    + "it waits for the producer to unlock";
        } else if (on.equals("condvar")) {
            action = "The kernel confirms: the consumer sleeps (state S) on the condition variable's futex";
        }
    }

    /** Which shared object a futex address lies in: the kernel's address against the probe's map. */
    private String objectAt(String addr) {
        long a = FutexWaitObserver.parseAddress(addr);
        if (a < 0) {
            return "";
        }
        for (var o : objects.entrySet()) {
            long start = o.getValue()[0];
            if (start >= 0 && Long.compareUnsigned(a, start) >= 0
                    && Long.compareUnsigned(a, start + Math.max(o.getValue()[1], 4)) < 0) {
                return o.getKey().equals("cond") ? "condvar" : o.getKey();
            }
        }
        return "other";
    }

    private static void add(List<Integer> list, int pid) {
        if (!list.contains(pid)) {
            list.add(pid);
        }
    }

    private static char first(String s) {
        return s.isEmpty() ? '?' : s.charAt(0);
    }

    private String name(int pid) {
        Actor a = actors.get(pid);
        return pid == 0 ? "nobody" : a == null ? "pid " + pid : a.title().toLowerCase();
    }

    /** The probe's own report: what the process is doing now, and the caption sentence. */
    private void act(int pid, String doing, String sentence) {
        update(pid, a -> a.doing(doing));
        action = sentence;
    }

    /** "Producer", "Consumer", ... at the start of a caption. */
    private String who(int pid) {
        Actor a = actors.get(pid);
        return a == null ? "pid " + pid : a.title();
    }

    private void update(int pid, UnaryOperator<Actor> change) {
        Actor a = actors.get(pid);
        if (a != null) {
            actors.put(pid, change.apply(a));
        }
    }

    /** Kernel readings: kept for any pid, shown once the pid has a role. */
    private void kernel(int pid, UnaryOperator<Actor> change) {
        actors.put(pid, change.apply(actors.getOrDefault(pid, Actor.fresh(pid))));
    }

    @Override
    public void publish() {
        List<Actor> shown = actors.values().stream().filter(a -> ORDER.contains(a.role()))
                .sorted(Comparator.comparingInt(a -> ORDER.indexOf(a.role()))).toList();
        picture.set(new CondvarPicture(shown, owner, List.copyOf(mutexWaiters), List.copyOf(condQueue),
                List.copyOf(signalled), List.copyOf(numbers), busyChecks, action));
    }

    public ReadOnlyObjectProperty<CondvarPicture> pictureProperty() {
        return picture;
    }
}
