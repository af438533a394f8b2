/*
 * semaphore — ten workers, a room with three places, one counting semaphore.
 *
 *   sem_t room = 3 (process-shared, in MAP_SHARED memory)
 *   worker:  sem_wait(&room);  work inside;  sem_post(&room);
 *
 * The fourth worker to ask finds the value 0 and sleeps inside sem_wait: the kernel shows it in
 * state S, waiting on a futex whose address lies inside `room`. Each sem_post wakes one sleeper.
 *
 * glibc's sem_getvalue never goes below 0, so the value can't tell how many sleep: the app
 * counts the sleepers from the "blocked" events and the kernel's states.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <semaphore.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define WORKERS 10
#define PLACES 3

struct room {
    sem_t sem;
    int places[PLACES]; /* pid in each place, 0 = free; only to draw the room */
};

static struct room *room;

static int value_now(void) {
    int v = 0;
    sem_getvalue(&room->sem, &v);
    return v;
}

/* Takes a free place. The semaphore guarantees one is free; -1 would prove it wrong. */
static int take_place(void) {
    for (int i = 0; i < PLACES; i++) {
        int free_place = 0;
        if (__atomic_compare_exchange_n(&room->places[i], &free_place, (int)getpid(), 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return i;
    }
    return -1;
}

static void worker(int n) {
    PS_EVENT("worker", "\"index\":%d", n);
    PS_STEP("worker: sem_wait(&room) - ask for a place");
    int before = value_now();
    PS_EVENT("acquire", "\"lock\":\"sem\",\"value\":%d", before);
    if (sem_trywait(&room->sem) != 0) {
        /* Value 0: this sem_wait will sleep until someone posts. */
        PS_EVENT("blocked", "\"lock\":\"sem\",\"value\":%d", value_now());
        while (sem_wait(&room->sem) != 0) { }
        before = 0;
    }
    /* Reported after sem_wait returned, so the trace never shows a worker inside too early. */
    PS_EVENT("sem-wait", "\"lock\":\"sem\",\"before\":%d,\"value\":%d", before, value_now());
    int place = take_place();
    PS_EVENT("acquired", "\"lock\":\"sem\",\"place\":%d", place);

    PS_STEP("worker: inside the room - works (a sleep of 300-400 ms)");
    ps_sleep_ms(300 + (n * 37) % 101); /* long enough for the kernel to see the others asleep */

    PS_STEP("worker: sem_post(&room) - leave, wake one sleeper");
    /* Reported before sem_post, so the trace never shows a worker inside too late. */
    PS_EVENT("release", "\"lock\":\"sem\",\"place\":%d", place);
    if (place >= 0) __atomic_store_n(&room->places[place], 0, __ATOMIC_SEQ_CST);
    sem_post(&room->sem);
    PS_EVENT("sem-post", "\"lock\":\"sem\",\"value\":%d", value_now());
    ps_exit(0);
}

int main(void) {
    ps_init("semaphore");
    room = mmap(NULL, sizeof *room, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (room == MAP_FAILED) { perror("mmap"); ps_exit(1); }
    sem_init(&room->sem, 1 /* shared between processes */, PLACES);
    /* Where the semaphore lives: the app matches it with the futex address the kernel reports. */
    PS_EVENT("shared", "\"object\":\"sem\",\"addr\":\"%p\",\"size\":%zu,\"places\":%d,\"value\":%d",
             (void *)&room->sem, sizeof room->sem, PLACES, value_now());

    PS_STEP("main: fork 10 workers");
    pid_t pids[WORKERS];
    int started = 0;
    for (int i = 0; i < WORKERS; i++) {
        pids[i] = ps_fork();
        if (pids[i] == 0) worker(i + 1);
        if (pids[i] > 0) started++;
    }

    PS_STEP("main: wait for every worker");
    for (int i = 0; i < WORKERS; i++)
        if (pids[i] > 0) ps_waitpid(pids[i], NULL, 0);

    PS_EVENT("done", "\"workers\":%d,\"value\":%d", started, value_now());
    sem_destroy(&room->sem);
    ps_exit(0);
}
