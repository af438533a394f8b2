package org.procstage.scenes.condvar;

import java.util.List;

/**
 * Everything the condvar view draws, as one immutable value published per batch.
 *
 * @param mutexOwner   pid holding the mutex, 0 when free
 * @param mutexWaiters pids that need the mutex and don't have it (blocked, or woken by a signal)
 * @param condQueue    pids asleep in pthread_cond_wait on "lucky"
 * @param signalled    pids a signal has woken that have not yet returned from cond_wait
 * @param numbers      every number the producer wrote, in order
 * @param busyChecks   how many times the busy consumer checked the number, -1 until it says
 */
public record CondvarPicture(List<Actor> actors, int mutexOwner, List<Integer> mutexWaiters, List<Integer> condQueue,
                             List<Integer> signalled, List<Written> numbers, long busyChecks, String action) {

    /** One number the producer wrote; forced = written as 22 because the list ran long. */
    public record Written(int value, boolean forced) {
    }

    public static CondvarPicture empty() {
        return new CondvarPicture(List.of(), 0, List.of(), List.of(), List.of(), List.of(), -1, "");
    }

    public Actor actor(int pid) {
        return actors.stream().filter(a -> a.pid() == pid).findFirst().orElse(null);
    }

    public Actor role(String role) {
        return actors.stream().filter(a -> a.role().equals(role)).findFirst().orElse(null);
    }

    public String name(int pid) {
        Actor a = actor(pid);
        return a == null ? "pid " + pid : a.title();
    }
}
