package org.procstage.scenes.semaphore;

/**
 * One worker process as the scene knows it: what the probe said it does (phase, place, times)
 * and what the kernel says (state letter, wchan, whether it sleeps on the semaphore's futex).
 * Times are CLOCK_MONOTONIC ns, -1 when it has not happened (yet).
 */
public record Worker(int index, int pid, Phase phase, char state, String wchan, boolean onSemaphoreFutex,
                     int place, long askedAt, long blockedAt, long insideAt, long leftAt) {

    public enum Phase {
        STARTED("started"),
        ASKING("calls sem_wait"),
        BLOCKED("asleep in sem_wait"),
        INSIDE("inside the room"),
        LEAVING("calls sem_post"),
        DONE("done");

        private final String text;

        Phase(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static Worker fresh(int pid) {
        return new Worker(0, pid, Phase.STARTED, '?', "", false, -1, -1, -1, -1, -1);
    }

    Worker withIndex(int i) {
        return new Worker(i, pid, phase, state, wchan, onSemaphoreFutex, place, askedAt, blockedAt, insideAt, leftAt);
    }

    Worker withKernel(char s, String w) {
        return new Worker(index, pid, phase, s, w, onSemaphoreFutex, place, askedAt, blockedAt, insideAt, leftAt);
    }

    Worker withFutex(boolean onSem) {
        return new Worker(index, pid, phase, state, wchan, onSem, place, askedAt, blockedAt, insideAt, leftAt);
    }

    Worker asking(long t) {
        return new Worker(index, pid, Phase.ASKING, state, wchan, onSemaphoreFutex, place, t, blockedAt, insideAt, leftAt);
    }

    Worker blocked(long t) {
        return new Worker(index, pid, Phase.BLOCKED, state, wchan, onSemaphoreFutex, place, askedAt, t, insideAt, leftAt);
    }

    Worker inside(int p, long t) {
        return new Worker(index, pid, Phase.INSIDE, state, wchan, onSemaphoreFutex, p, askedAt, blockedAt, t, leftAt);
    }

    Worker leaving(long t) {
        return new Worker(index, pid, Phase.LEAVING, state, wchan, onSemaphoreFutex, -1, askedAt, blockedAt, insideAt, t);
    }

    Worker done() {
        return new Worker(index, pid, Phase.DONE, state, wchan, onSemaphoreFutex, -1, askedAt, blockedAt, insideAt, leftAt);
    }

    /** "W3", or "pid 1234" before the probe said which worker it is. */
    public String name() {
        return index > 0 ? "W" + index : "pid " + pid;
    }

    /** The kernel shows it asleep (S) waiting in a futex: the evidence that it is blocked, not spinning. */
    public boolean kernelSaysAsleepOnFutex() {
        return state == 'S' && (onSemaphoreFutex || wchan.contains("futex"));
    }

    public boolean waited() {
        return blockedAt >= 0;
    }
}
