package org.procstage.scenes.semaphore;

import java.util.List;

/**
 * Everything the semaphore view draws, as one immutable value published per batch.
 *
 * @param value       the semaphore's value as sem_getvalue read it after the last operation, -1 unknown
 * @param placePids   the pid in each place of the room, 0 = free
 * @param queue       pids asleep in sem_wait, in the order they fell asleep
 * @param occupancy   how many were inside after each change, for the timeline's count strip
 * @param maxInside   the most workers ever inside at once (the semaphore promises at most places)
 */
public record SemaphorePicture(List<Worker> workers, int value, int places, List<Integer> placePids,
                               List<Integer> queue, List<Occupancy> occupancy, long start, long now,
                               int insideNow, int maxInside, String action) {

    /** From time t on, count workers were inside. */
    public record Occupancy(long t, int count) {
    }

    public static SemaphorePicture empty() {
        return new SemaphorePicture(List.of(), -1, 3, List.of(0, 0, 0), List.of(), List.of(), 0, 0, 0, 0, "");
    }

    public Worker worker(int pid) {
        return workers.stream().filter(w -> w.pid() == pid).findFirst().orElse(null);
    }
}
