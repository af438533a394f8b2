package org.procstage.scenes.semaphore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.kernel.FutexWaitObserver;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.semaphore.Worker.Phase;
import org.procstage.session.SceneModel;

/**
 * Ten workers and a semaphore of three, as a reducer. The room's places, the queue of sleepers
 * and the timeline come from the workers' own reports (sem_wait returned, about to sem_post);
 * "asleep" is confirmed by the kernel: state S in a futex whose address lies in the semaphore.
 * The sleepers are counted here because glibc's sem_getvalue never goes below 0.
 */
public final class SemaphoreViewModel implements SceneModel {
    private final Map<Integer, Worker> workers = new LinkedHashMap<>();
    /** Kernel readings of pids not yet known as workers (the sampler may be first). */
    private final Map<Integer, Worker> early = new HashMap<>();
    private final List<Integer> queue = new ArrayList<>();
    private final List<SemaphorePicture.Occupancy> occupancy = new ArrayList<>();
    private int[] placePids = new int[3];
    private long semAddr = -1;
    private long semSize;
    private int value = -1;
    private long start = -1;
    private long now;
    private int inside;
    private int maxInside;
    private final List<long[]> marks = new ArrayList<>(); // {t, +1 acquired / -1 release}
    private String action = "";
    private final ObjectProperty<SemaphorePicture> picture = new SimpleObjectProperty<>(SemaphorePicture.empty());

    @Override
    public void reset() {
        workers.clear();
        early.clear();
        queue.clear();
        occupancy.clear();
        placePids = new int[3];
        semAddr = -1;
        semSize = 0;
        value = -1;
        start = -1;
        now = 0;
        inside = 0;
        maxInside = 0;
        marks.clear();
        action = "";
    }

    @Override
    public void apply(ProbeEvent e) {
        if (start < 0) {
            start = e.t();
        }
        now = Math.max(now, e.t());
        switch (e.type()) {
            case "shared" -> {
                semAddr = FutexWaitObserver.parseAddress(e.str("addr", ""));
                semSize = e.longField("size", 0);
                placePids = new int[Math.max(1, Math.min(10, e.intField("places", 3)))];
                value = e.intField("value", value);
                action = "Main made a semaphore in shared memory with value " + value + ": "
                        + placePids.length + " places in the room";
            }
            case "worker" -> {
                Worker w = early.containsKey(e.pid()) ? early.remove(e.pid()) : Worker.fresh(e.pid());
                workers.put(e.pid(), w.withIndex(e.intField("index", 0)));
            }
            case "acquire" -> update(e.pid(), w -> w.asking(e.t()), w -> action = w.name() + " calls sem_wait: the value is "
                    + e.str("value", "?") + (e.intField("value", 0) > 0 ? ", so it may go in" : ", so it will have to sleep"));
            case "blocked" -> update(e.pid(), w -> w.blocked(e.t()), w -> {
                if (!queue.contains(w.pid())) {
                    queue.add(w.pid());
                }
                action = w.name() + " found the value 0 and sleeps inside sem_wait until someone calls sem_post";
            });
            case "sem-wait", "sem-post" -> value = e.intField("value", value);
            case "acquired" -> update(e.pid(), w -> w.inside(e.intField("place", -1), e.t()), w -> {
                queue.remove((Integer) w.pid());
                if (w.place() >= 0 && w.place() < placePids.length) {
                    placePids[w.place()] = w.pid();
                }
                changeInside(+1, e.t());
                action = w.name() + (w.waited() ? " was woken and" : "") + " got place " + (w.place() + 1)
                        + ": " + inside + " of " + placePids.length + " inside";
            });
            case "release" -> {
                Worker before = workers.get(e.pid());
                update(e.pid(), w -> w.leaving(e.t()), w -> {
                    if (before != null && before.place() >= 0 && before.place() < placePids.length
                            && placePids[before.place()] == w.pid()) {
                        placePids[before.place()] = 0;
                    }
                    changeInside(-1, e.t());
                    action = w.name() + " leaves its place and calls sem_post"
                            + (queue.isEmpty() ? "" : ": one of the " + queue.size() + " sleepers will be woken");
                });
            }
            case "exit" -> update(e.pid(), Worker::done, w -> { });
            case "state" -> kernel(e.pid(), w -> w.withKernel(first(e.str("state", "?")), e.str("wchan", "")));
            case "futex" -> kernel(e.pid(), w -> w.withFutex(onSemaphore(e.str("addr", ""))));
            case "done" -> action = "All " + e.str("workers", "?") + " workers are done; the value is back to "
                    + e.str("value", "?") + ". At most " + maxInside + " were ever inside at once";
            default -> { }
        }
    }

    /**
     * Occupancy is judged by the events' own clock, not by the order they arrived: each process
     * has its own connection, so a release reported before its sem_post can reach the app after
     * the acquire it made possible.
     */
    private void changeInside(int delta, long t) {
        marks.add(new long[] {t, delta});
        marks.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        occupancy.clear();
        int count = 0;
        maxInside = 0;
        for (long[] m : marks) {
            count = Math.max(0, count + (int) m[1]);
            maxInside = Math.max(maxInside, count);
            occupancy.add(new SemaphorePicture.Occupancy(m[0], count));
        }
        inside = count;
    }

    private boolean onSemaphore(String addr) {
        long a = FutexWaitObserver.parseAddress(addr);
        return a >= 0 && semAddr >= 0 && Long.compareUnsigned(a, semAddr) >= 0
                && Long.compareUnsigned(a, semAddr + Math.max(semSize, 4)) < 0;
    }

    private static char first(String s) {
        return s.isEmpty() ? '?' : s.charAt(0);
    }

    private void update(int pid, UnaryOperator<Worker> change, java.util.function.Consumer<Worker> after) {
        Worker w = workers.get(pid);
        if (w != null) {
            Worker changed = change.apply(w);
            workers.put(pid, changed);
            after.accept(changed);
        }
    }

    /** Kernel readings apply to workers, or wait for the "worker" event of that pid. */
    private void kernel(int pid, UnaryOperator<Worker> change) {
        if (workers.containsKey(pid)) {
            Worker before = workers.get(pid);
            Worker after = change.apply(before);
            workers.put(pid, after);
            if (after.phase() == Phase.BLOCKED && after.kernelSaysAsleepOnFutex() && !before.kernelSaysAsleepOnFutex()) {
                action = "The kernel confirms: " + after.name() + " is asleep (state S, " + shortWchan(after.wchan())
                        + ") — it waits without using the CPU";
            }
        } else {
            early.put(pid, change.apply(early.getOrDefault(pid, Worker.fresh(pid))));
        }
    }

    static String shortWchan(String wchan) {
        return wchan.isEmpty() ? "futex" : wchan;
    }

    @Override
    public void publish() {
        List<Worker> sorted = workers.values().stream()
                .sorted(Comparator.comparingInt(Worker::index).thenComparingInt(Worker::pid)).toList();
        picture.set(new SemaphorePicture(sorted, value, placePids.length,
                Arrays.stream(placePids).boxed().toList(), List.copyOf(queue), List.copyOf(occupancy),
                Math.max(start, 0), now, inside, maxInside, action));
    }

    public ReadOnlyObjectProperty<SemaphorePicture> pictureProperty() {
        return picture;
    }
}
