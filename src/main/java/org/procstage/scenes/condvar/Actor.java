package org.procstage.scenes.condvar;

/**
 * One process of the condvar scene: its role, what it says it is doing, and what the kernel says —
 * state letter, wchan, which shared object's futex it sleeps on, CPU ticks charged to it.
 *
 * @param futexOn "mutex", "condvar", "other" or "" (not in a futex wait)
 * @param ticks   utime + stime from /proc/PID/stat (10 ms each), -1 before the first reading
 */
public record Actor(String role, int pid, String doing, char state, String wchan, String futexOn, long ticks,
                    boolean exited) {

    static Actor fresh(int pid) {
        return new Actor("", pid, "started", '?', "", "", -1, false);
    }

    Actor withRole(String r) {
        return new Actor(r, pid, doing, state, wchan, futexOn, ticks, exited);
    }

    Actor doing(String what) {
        return new Actor(role, pid, what, state, wchan, futexOn, ticks, exited);
    }

    Actor withKernel(char s, String w) {
        return new Actor(role, pid, doing, s, w, futexOn, ticks, exited);
    }

    Actor withFutex(String on) {
        return new Actor(role, pid, doing, state, wchan, on, ticks, exited);
    }

    Actor withTicks(long t) {
        return new Actor(role, pid, doing, state, wchan, futexOn, t, exited);
    }

    Actor exit() {
        return new Actor(role, pid, "done (exited)", state, wchan, "", ticks, true);
    }

    /** How the scene names the role on screen. */
    public String title() {
        return switch (role) {
            case "producer" -> "Producer";
            case "consumer" -> "Consumer";
            case "busy" -> "Busy consumer";
            default -> "pid " + pid;
        };
    }

    /** What the kernel says about how it waits, in words. */
    public String kernelWords() {
        if (exited) {
            return "exited";
        }
        if (state == '?') {
            return "not sampled yet";
        }
        if (state == 'R') {
            return "R: running on a CPU";
        }
        String where = switch (futexOn) {
            case "mutex" -> "asleep on the mutex's futex";
            case "condvar" -> "asleep on the condvar's futex";
            case "other" -> "asleep on a futex";
            default -> wchan.contains("unix_stream_read") ? "paused at a step point (reads the app's socket)"
                    : wchan.isEmpty() ? "" : "asleep in " + wchan;
        };
        return state + (where.isEmpty() ? "" : ": " + where);
    }
}
