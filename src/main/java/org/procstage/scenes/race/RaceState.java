package org.procstage.scenes.race;

import java.util.List;

/** What the race scene shows at one moment: an immutable picture, published once per batch. */
public record RaceState(Round round, Record memory, List<Worker> workers, List<Result> results,
                        int lockOwner, String caption) {

    public static final RaceState EMPTY = new RaceState(Round.NONE, Record.ZERO, List.of(), List.of(), 0,
            "Two processes will add 1 to a counter they share. Press Space to start.");

    /** The round being played: which rules, how many increments per worker. */
    public record Round(int number, String title, boolean locked, boolean byHand, long perWorker,
                        boolean yieldInjected, int parentPid) {
        static final Round NONE = new Round(0, "", false, false, 0, false, 0);
    }

    /**
     * The slides' structure in shared memory, as the last reported write left it. At full speed
     * only the counter is reported (in progress events): the fields are then null, unknown.
     */
    public record Record(Long field1, Long field2, long counter) {
        static final Record ZERO = new Record(0L, 0L, 0);

        public boolean torn() {
            return field1 != null && field2 != null && !field1.equals(field2);
        }
    }

    /**
     * One process of the round: A, B (incrementers) or R (reader). {@code seen} is its own copy of
     * what it last read (null before it read), the heart of a lost update.
     */
    public record Worker(String role, int pid, char state, String wchan, Long seen, long done, String doing,
                         boolean waitsForLock, boolean holdsLock, boolean exited, Check lastCheck) {
        Worker withKernel(char s, String w) {
            return new Worker(role, pid, s, w, seen, done, doing, waitsForLock, holdsLock, exited, lastCheck);
        }

        Worker withSeen(Long v, String what) {
            return new Worker(role, pid, state, wchan, v, done, what, waitsForLock, holdsLock, exited, lastCheck);
        }

        Worker withDoing(String what) {
            return new Worker(role, pid, state, wchan, seen, done, what, waitsForLock, holdsLock, exited, lastCheck);
        }

        Worker withDone(long n, String what) {
            return new Worker(role, pid, state, wchan, seen, n, what, waitsForLock, holdsLock, exited, lastCheck);
        }

        Worker withLock(boolean waits, boolean holds, String what) {
            return new Worker(role, pid, state, wchan, seen, done, what, waits, holds, exited, lastCheck);
        }

        Worker withExit() {
            return new Worker(role, pid, state, wchan, seen, done, "exited", false, false, true, lastCheck);
        }

        Worker withCheck(Check c, String what) {
            return new Worker(role, pid, state, wchan, seen, done, what, waitsForLock, holdsLock, exited, c);
        }

        public boolean reader() {
            return "R".equals(role);
        }
    }

    /** What the reader found: field1 and field2 from the same update, or torn. */
    public record Check(long field1, long field2, boolean torn) {
    }

    /** The outcome of one round, straight from the probe's race-result event. */
    public record Result(int round, String title, boolean locked, boolean byHand, boolean yieldInjected,
                         long expected, long counter, long lost, long checks, long torn, boolean skipped) {
    }
}
