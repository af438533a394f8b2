/*
 * race — lost updates and torn reads: processes add 1 to a counter in shared memory.
 *
 *   parent ─┬─ worker A  ┐ each: counter = counter + 1, as a READ then a WRITE
 *           ├─ worker B  ┘
 *           └─ reader R    checks that field1 == field2 (one update, not two halves)
 *
 * Rounds (a paced run has all four; an unpaced run, e.g. `record`, rounds 3 and 4):
 *   1 by hand, no lock      each read and write is a step: A reads, B reads, A writes, B writes
 *   2 by hand, with a lock  the same, but a process-shared mutex makes the others wait
 *   3 full speed, no lock   20,000 increments each: updates are lost, a different number each run
 *   4 full speed, with lock the same code inside lock/unlock: nothing lost
 *
 * At full speed, in a random 1 of 8 increments, a sched_yield() sits between the read and the write
 * (and always between the reader's two reads). It widens the window another process can run in, so
 * the race shows on EVERY run, even on a busy 2-CPU machine or pinned to one CPU; without it two
 * CPUs still lose updates on most runs, one CPU hardly ever.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define FULL_SPEED_INCREMENTS 20000L
#define PROGRESS_EVERY 2000L
#define COMPUTE_US 20L
#define BY_HAND_INCREMENTS 2
#define BY_HAND_CHECKS 2
#define MAX_TORN_REPORTS 3
#define YIELD_ONE_IN 8                  /* a random 1 in 8 increments yields between read and write */

/* The slides' structure. One update sets all three to the same new value. */
struct record { long field1; long field2; long counter; };

/* One page every process of the run maps (MAP_SHARED): a write by one is seen by all. */
struct shared {
    volatile struct record rec;
    pthread_mutex_t lock;             /* PTHREAD_PROCESS_SHARED: works across processes */
    volatile int ready, go, done;     /* start line and finish line of a full-speed round */
    volatile long checks, torn;       /* what the reader found */
};

struct round { int number; int locked; int by_hand; const char *title; };

static const struct round ROUNDS[] = {
    { 1, 0, 1, "round 1: by hand, NO lock" },
    { 2, 1, 1, "round 2: by hand, WITH the lock" },
    { 3, 0, 0, "round 3: full speed, NO lock" },
    { 4, 1, 0, "round 4: full speed, WITH the lock" },
};

static struct shared *S;
static const char *me = "parent";

/* A step point whose name says who is at it; __LINE__ is the caller's, for the code panel. */
#define STEP_AS(what) step_as(__LINE__, (what))
static ps_cmd step_as(int line, const char *what) {
    char name[128];
    snprintf(name, sizeof name, "%s: %s", me, what);
    return ps_step_at(line, name);
}

/* Takes the lock so that waiting is visible: acquire, then blocked if someone holds it. */
static void lock_visibly(void) {
    PS_EVENT("acquire", "\"lock\":\"record\"");
    if (pthread_mutex_trylock(&S->lock) == EBUSY) {
        PS_EVENT("blocked", "\"lock\":\"record\"");
        pthread_mutex_lock(&S->lock);  /* asleep in the kernel (futex) until the holder unlocks */
    }
    PS_EVENT("acquired", "\"lock\":\"record\"");
}

static void unlock_visibly(void) {
    PS_EVENT("release", "\"lock\":\"record\"");  /* before unlocking: the next holder comes after */
    pthread_mutex_unlock(&S->lock);
}

static void write_all(long value) {
    S->rec.field1 = value;
    PS_EVENT("write", "\"field\":\"field1\",\"value\":%ld", value);
    S->rec.field2 = value;
    PS_EVENT("write", "\"field\":\"field2\",\"value\":%ld", value);
    S->rec.counter = value;
    PS_EVENT("write", "\"field\":\"counter\",\"value\":%ld", value);
}

static void worker_by_hand(int locked) {
    for (int i = 0; i < BY_HAND_INCREMENTS; i++) {
        if (locked) {
            STEP_AS("lock");
            lock_visibly();
        }
        STEP_AS("read counter");
        long seen = S->rec.counter;                      /* READ  */
        PS_EVENT("read", "\"field\":\"counter\",\"value\":%ld", seen);
        STEP_AS("write counter + 1");
        write_all(seen + 1);                             /* WRITE: what it read, plus one */
        if (locked) {
            STEP_AS("unlock");
            unlock_visibly();
        }
    }
}

/* Stands for the computing a real program does to get the new value: makes a round last about a
 * second, long enough to watch the counters, and gives the other process time to run meanwhile. */
static void compute_for_us(long us) {
    long long until = ps_now_ns() + us * 1000;
    while (ps_now_ns() < until) { }
}

static void worker_full_speed(int locked) {
    unsigned seed = (unsigned)getpid();
    for (long i = 1; i <= FULL_SPEED_INCREMENTS; i++) {
        compute_for_us(COMPUTE_US);                      /* the program's other work */
        if (locked) pthread_mutex_lock(&S->lock);
        long seen = S->rec.counter;                      /* READ  */
        if (rand_r(&seed) % YIELD_ONE_IN == 0)
            sched_yield();                               /* injected: others may run right here */
        S->rec.field1 = seen + 1;
        S->rec.field2 = seen + 1;
        S->rec.counter = seen + 1;                       /* WRITE */
        if (locked) pthread_mutex_unlock(&S->lock);
        if (i % PROGRESS_EVERY == 0)
            PS_EVENT("progress", "\"done\":%ld,\"of\":%ld,\"counter\":%ld", i, FULL_SPEED_INCREMENTS,
                     S->rec.counter);
    }
}

static void report_check(long f1, long f2) {
    int torn = f1 != f2;
    S->checks++;
    if (torn) S->torn++;
    if (!torn && S->checks > BY_HAND_CHECKS) return;    /* full speed: report only torn ones */
    if (torn && S->torn > MAX_TORN_REPORTS) return;
    PS_EVENT("check", "\"field1\":%ld,\"field2\":%ld,\"torn\":%s", f1, f2, torn ? "true" : "false");
}

static void reader_by_hand(int locked) {
    for (int i = 0; i < BY_HAND_CHECKS; i++) {
        if (locked) {
            STEP_AS("lock");
            lock_visibly();
        }
        STEP_AS("read field1");
        long f1 = S->rec.field1;
        PS_EVENT("read", "\"field\":\"field1\",\"value\":%ld", f1);
        STEP_AS("read field2");
        long f2 = S->rec.field2;
        PS_EVENT("read", "\"field\":\"field2\",\"value\":%ld", f2);
        report_check(f1, f2);
        if (locked) {
            STEP_AS("unlock");
            unlock_visibly();
        }
    }
}

static void reader_full_speed(int locked) {
    struct timespec pause = { 0, 200 * 1000 };          /* leave the CPUs to the workers */
    while (!S->done) {
        if (locked) pthread_mutex_lock(&S->lock);
        long f1 = S->rec.field1;
        sched_yield();                                   /* injected, as in the workers */
        long f2 = S->rec.field2;
        if (locked) pthread_mutex_unlock(&S->lock);
        report_check(f1, f2);
        nanosleep(&pause, NULL);
    }
}

static pid_t start(const char *name, const struct round *r, int reader) {
    pid_t pid = ps_fork();
    if (pid != 0) return pid;
    me = name;
    PS_EVENT("role", "\"name\":\"%s\",\"round\":%d", name, r->number);
    if (!r->by_hand) {
        __atomic_add_fetch(&S->ready, 1, __ATOMIC_SEQ_CST);
        while (!S->go) sched_yield();                    /* all start together */
    }
    if (reader) r->by_hand ? reader_by_hand(r->locked) : reader_full_speed(r->locked);
    else r->by_hand ? worker_by_hand(r->locked) : worker_full_speed(r->locked);
    ps_exit(0);
}

static void run_round(const struct round *r) {
    long per = r->by_hand ? BY_HAND_INCREMENTS : FULL_SPEED_INCREMENTS;
    memset((void *)&S->rec, 0, sizeof S->rec);
    S->ready = S->go = S->done = 0;
    S->checks = S->torn = 0;
    PS_EVENT("round", "\"round\":%d,\"title\":%s,\"locked\":%s,\"byHand\":%s,\"workers\":2,\"perWorker\":%ld,"
             "\"yieldInjected\":%s", r->number, ps_q(r->title), r->locked ? "true" : "false",
             r->by_hand ? "true" : "false", per, r->by_hand ? "false" : "true");
    pid_t a = start("A", r, 0);
    pid_t b = start("B", r, 0);
    pid_t reader = start("R", r, 1);
    if (a < 0 || b < 0 || reader < 0) {
        PS_EVENT("problem", "\"message\":\"could not fork the round's processes\"");
        S->go = S->done = 1;
    }
    if (!r->by_hand) {
        while (S->ready < 3) sched_yield();
        S->go = 1;
    }
    if (a > 0) ps_waitpid(a, NULL, 0);
    if (b > 0) ps_waitpid(b, NULL, 0);
    S->done = 1;
    if (reader > 0) ps_waitpid(reader, NULL, 0);
    long expected = 2 * per, final = S->rec.counter;
    PS_EVENT("race-result", "\"round\":%d,\"locked\":%s,\"byHand\":%s,\"yieldInjected\":%s,\"expected\":%ld,"
             "\"final\":%ld,\"lost\":%ld,\"checks\":%ld,\"torn\":%ld", r->number, r->locked ? "true" : "false",
             r->by_hand ? "true" : "false", r->by_hand ? "false" : "true", expected, final, expected - final,
             S->checks, S->torn);
    printf("%s: expected %ld, counter %ld, lost %ld; torn reads %ld of %ld\n", r->title, expected, final,
           expected - final, S->torn, S->checks);
}

int main(void) {
    ps_init("race");
    S = mmap(NULL, sizeof *S, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (S == MAP_FAILED) { perror("race: mmap"); ps_exit(1); }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&S->lock, &attr);
    pthread_mutexattr_destroy(&attr);

    for (size_t i = 0; i < sizeof ROUNDS / sizeof ROUNDS[0]; i++) {
        const struct round *r = &ROUNDS[i];
        if (r->by_hand && !ps_paced()) continue;         /* by hand means a student steps it */
        ps_cmd cmd = STEP_AS(r->title);
        if (ps_cmd_is(&cmd, "skip")) {
            PS_EVENT("round-skipped", "\"round\":%d", r->number);
            continue;
        }
        run_round(r);
    }
    STEP_AS("all rounds done");
    ps_exit(0);
}
