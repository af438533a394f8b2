/*
 * condvar — "lucky number 22": a condition variable and its mutex (a monitor), across processes.
 *
 *   producer:  lock; number = random 1..30; if (number == 22) signal(&lucky); unlock
 *   consumer:  lock; while (number != 22) cond_wait(&lucky, &mutex); unlock
 *   busy:      while (number != 22) { }     (no lock, no sleep: it just keeps checking)
 *
 * pthread_cond_wait releases the mutex and puts the consumer to sleep in one atomic step; the
 * signal wakes it, and it must get the mutex back before cond_wait returns. The kernel's
 * /proc/PID/stat CPU times show what each way of waiting costs.
 *
 * The numbers come from a fixed seed, so every run produces the same list; if 22 has not come
 * up by the 12th number the producer writes 22 anyway (and says so), so a run stays short.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define LUCKY 22
#define FORCE_LUCKY_AT 12      /* the 12th number is 22 if none came before */
#define PRODUCE_EVERY_MS 200   /* ~2 s until 22: long enough for the CPU times to tell */
#define HOLD_AFTER_SIGNAL_MS 150

struct monitor {
    pthread_mutex_t mutex;
    pthread_cond_t lucky;
    int number;                /* guarded by mutex; the busy consumer reads it without */
};

static struct monitor *m;

static void lock_mutex(void) {
    PS_EVENT("acquire", "\"lock\":\"mutex\"");
    if (pthread_mutex_trylock(&m->mutex) != 0) {
        PS_EVENT("blocked", "\"lock\":\"mutex\"");
        pthread_mutex_lock(&m->mutex);
    }
    PS_EVENT("acquired", "\"lock\":\"mutex\"");
}

static void unlock_mutex(void) {
    /* Reported before the unlock, so the trace never shows two owners at once. */
    PS_EVENT("release", "\"lock\":\"mutex\"");
    pthread_mutex_unlock(&m->mutex);
}

static void consumer(void) {
    PS_EVENT("role", "\"role\":\"consumer\"");
    PS_STEP("consumer: lock the mutex");
    lock_mutex();
    PS_STEP("consumer: read the number");
    PS_EVENT("read", "\"field\":\"number\",\"value\":%d", m->number);
    while (m->number != LUCKY) {
        PS_STEP("consumer: not 22 - pthread_cond_wait releases the mutex and sleeps");
        PS_EVENT("cond-wait", "\"cond\":\"lucky\",\"lock\":\"mutex\"");
        pthread_cond_wait(&m->lucky, &m->mutex);
        /* cond_wait has returned: woken by the signal AND holding the mutex again. */
        PS_EVENT("wake", "\"cond\":\"lucky\"");
        PS_EVENT("acquired", "\"lock\":\"mutex\",\"reacquired\":true");
        PS_STEP("consumer: woke up holding the mutex - read the number again");
        PS_EVENT("read", "\"field\":\"number\",\"value\":%d", m->number);
    }
    PS_STEP("consumer: it is 22 - unlock the mutex");
    unlock_mutex();
    ps_exit(0);
}

static void busy_consumer(void) {
    PS_EVENT("role", "\"role\":\"busy\"");
    PS_STEP("busy: check the number again and again (no lock, no sleep)");
    PS_EVENT("spin", "\"field\":\"number\"");
    /* A safety net only: a paced run left alone must not burn a CPU for ever. */
    long long give_up = ps_now_ns() + (ps_paced() ? 120LL : 20LL) * 1000000000LL;
    long long checks = 0;
    int seen;
    while ((seen = __atomic_load_n(&m->number, __ATOMIC_RELAXED)) != LUCKY) {
        if ((++checks & 0xFFFFF) == 0 && ps_now_ns() > give_up) break;
    }
    PS_EVENT("read", "\"field\":\"number\",\"value\":%d,\"checks\":%lld", seen, checks);
    PS_EVENT("spin-end", "\"checks\":%lld,\"gaveUp\":%s", checks, seen == LUCKY ? "false" : "true");
    PS_STEP("busy: saw 22 - done");
    ps_exit(0);
}

/* xorshift32: the same numbers on every machine and libc. */
static uint32_t next_random(uint32_t *s) {
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static void producer(void) {
    PS_EVENT("role", "\"role\":\"producer\"");
    uint32_t seed = 4; /* with this seed 22 comes up as the 10th number */
    for (int i = 1;; i++) {
        int forced = i == FORCE_LUCKY_AT;
        int n = forced ? LUCKY : 1 + (int)(next_random(&seed) % 30);
        PS_STEP("producer: lock the mutex");
        lock_mutex();
        PS_STEP("producer: write the next random number");
        __atomic_store_n(&m->number, n, __ATOMIC_RELAXED);
        PS_EVENT("write", "\"field\":\"number\",\"value\":%d,\"index\":%d,\"forced\":%s", n, i,
                 forced ? "true" : "false");
        if (n == LUCKY) {
            PS_STEP("producer: 22! pthread_cond_signal(&lucky)");
            pthread_cond_signal(&m->lucky);
            PS_EVENT("cond-signal", "\"cond\":\"lucky\"");
            /* Still holding the mutex: the woken consumer now sleeps on the mutex instead. */
            ps_sleep_ms(HOLD_AFTER_SIGNAL_MS);
        }
        PS_STEP("producer: unlock the mutex");
        unlock_mutex();
        if (n == LUCKY) break;
        ps_sleep_ms(PRODUCE_EVERY_MS);
    }
    ps_exit(0);
}

int main(void) {
    ps_init("condvar");
    m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); ps_exit(1); }
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&m->mutex, &ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_cond_init(&m->lucky, &ca);
    m->number = 0;
    /* Where they live: the app matches these with the futex address the kernel reports. */
    PS_EVENT("shared", "\"object\":\"mutex\",\"addr\":\"%p\",\"size\":%zu", (void *)&m->mutex, sizeof m->mutex);
    PS_EVENT("shared", "\"object\":\"cond\",\"addr\":\"%p\",\"size\":%zu", (void *)&m->lucky, sizeof m->lucky);

    PS_STEP("main: fork the consumer, the busy consumer and the producer");
    pid_t kids[3];
    kids[0] = ps_fork();
    if (kids[0] == 0) consumer();
    kids[1] = ps_fork();
    if (kids[1] == 0) busy_consumer();
    kids[2] = ps_fork();
    if (kids[2] == 0) producer();

    PS_STEP("main: wait for all three");
    for (int i = 0; i < 3; i++)
        if (kids[i] > 0) ps_waitpid(kids[i], NULL, 0);
    pthread_cond_destroy(&m->lucky);
    pthread_mutex_destroy(&m->mutex);
    ps_exit(0);
}
