package org.procstage.scenes.mutex;

import java.util.List;

/** What the mutex scene shows at one moment: an immutable picture, published once per batch. */
public record MutexState(int owner, int ownerGrant, long ownerSince, List<Waiting> queue, List<Proc> processes,
                         List<Segment> timeline, List<Sample> futexSamples, long start, long now,
                         List<String> written, List<String> file, FastPath uncontended, FastPath contended,
                         String caption) {

    public static final MutexState EMPTY = new MutexState(0, 0, 0, List.of(), List.of(), List.of(), List.of(), 0, 0,
            List.of(), List.of(), null, null,
            "Three processes share one lock and a log file. Press Space to start.");

    /** A process blocked on the lock since t. */
    public record Waiting(int pid, long since) {
    }

    /** A process of the run, with the kernel's last word on it (read at sampledAt). */
    public record Proc(int pid, String role, char state, String wchan, long sampledAt, String doing, boolean exited) {
        Proc(int pid, String role) {
            this(pid, role, '?', "", 0, "started", false);
        }

        Proc withKernel(char s, String w, long t) {
            return new Proc(pid, role, s, w, t, doing, exited);
        }

        Proc withDoing(String d) {
            return new Proc(pid, role, state, wchan, sampledAt, d, exited);
        }

        Proc withExit() {
            return new Proc(pid, role, state, wchan, sampledAt, "exited", true);
        }

        /** The kernel's evidence that it is asleep on the lock, not spinning. */
        public boolean asleepOnFutex() {
            return state == 'S' && wchan.contains("futex");
        }
    }

    public enum Kind { HOLD, WAIT }

    /** A stretch of one process's time: holding the lock, or blocked waiting for it. end < 0: still open. */
    public record Segment(int pid, Kind kind, long start, long end, int grant) {
        Segment closedAt(long t) {
            return new Segment(pid, kind, start, t, grant);
        }

        public boolean open() {
            return end < 0;
        }
    }

    /** A kernel reading that showed a process asleep in a futex wait. */
    public record Sample(int pid, long t, String wchan) {
    }

    /** One lock call measured by the probe: voluntary context switches before and after. */
    public record FastPath(int pid, boolean contended, long before, long after) {
        public long slept() {
            return after - before;
        }
    }

    public Proc proc(int pid) {
        return processes.stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
    }
}
