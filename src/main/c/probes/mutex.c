/*
 * mutex — one lock, its owner and its waiters: processes take turns appending to a shared log.
 *
 *   parent ─┬─ worker A ┐  each, twice: lock, append one line to shared-log.txt, unlock
 *           ├─ worker B ├─ the line is written in three pieces with pauses in between: only
 *           └─ worker C ┘  the lock keeps another process's pieces out of the middle of it
 *
 * The mutex lives in memory the processes share (MAP_SHARED) and is PTHREAD_PROCESS_SHARED.
 * A waiter sleeps in the kernel (state S, wait channel futex_...) until the owner unlocks; an
 * uncontended lock is one atomic instruction in user space: no sleep, no context switch.
 * Every acquire, block, grant and release is reported; "release" is sent BEFORE the unlock, so
 * in the trace the next owner's "acquired" always comes after it.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define WORKERS 3
#define ENTRIES 2
#define PIECE_PAUSE_MS 80      /* unpaced: a line takes 3 pieces x 80 ms, long enough to be seen */
#define THINK_MS 40            /* unpaced: time outside the lock between two entries */
#define LOG_NAME "shared-log.txt"
#define LOCK_NAME "log-lock"

struct shared {
    pthread_mutex_t lock;      /* PTHREAD_PROCESS_SHARED */
    volatile int owner;        /* who holds it (for the "blocked" report only) */
    int grants;                /* protected by the lock: the order the lock was granted in */
    volatile int ready, go;
};

static struct shared *S;
static const char *me = "parent";

#define STEP_AS(what) step_as(__LINE__, (what))
static ps_cmd step_as(int line, const char *what) {
    char name[128];
    snprintf(name, sizeof name, "%s: %s", me, what);
    return ps_step_at(line, name);
}

/* The kernel's count of times this process gave up the CPU because it had to wait. */
static long voluntary_switches(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long n = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1) break;
    fclose(f);
    return n;
}

/* lock(), made visible: acquire; blocked if trylock finds it taken; acquired once it is ours. */
static int lock_visibly(void) {
    PS_EVENT("acquire", "\"lock\":\"%s\"", LOCK_NAME);
    long before = voluntary_switches();
    int contended = pthread_mutex_trylock(&S->lock) == EBUSY;
    if (contended) {
        PS_EVENT("blocked", "\"lock\":\"%s\",\"owner\":%d", LOCK_NAME, S->owner);
        pthread_mutex_lock(&S->lock);  /* sleeps in futex() until the owner unlocks */
    }
    long after = voluntary_switches();
    S->owner = getpid();
    int grant = ++S->grants;
    PS_EVENT("acquired", "\"lock\":\"%s\",\"grant\":%d,\"contended\":%s,\"switchesBefore\":%ld,"
             "\"switchesAfter\":%ld", LOCK_NAME, grant, contended ? "true" : "false", before, after);
    return grant;
}

static void unlock_visibly(void) {
    S->owner = 0;
    PS_EVENT("release", "\"lock\":\"%s\"", LOCK_NAME);
    pthread_mutex_unlock(&S->lock);
}

static void write_piece(int fd, const char *piece) {
    ssize_t n = write(fd, piece, strlen(piece));
    (void)n;
}

/* The critical section: one log line in three writes. */
static void append_line(int grant, int entry) {
    char pieces[3][64];
    snprintf(pieces[0], sizeof pieces[0], "grant %d: ", grant);
    snprintf(pieces[1], sizeof pieces[1], "%s pid %d ", me, (int)getpid());
    snprintf(pieces[2], sizeof pieces[2], "entry %d/%d\n", entry, ENTRIES);
    int fd = open(LOG_NAME, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) { PS_EVENT("problem", "\"message\":\"cannot open the log\",\"errno\":%d", errno); return; }
    for (int i = 0; i < 3; i++) {
        write_piece(fd, pieces[i]);
        if (!ps_paced()) ps_sleep_ms(PIECE_PAUSE_MS);
    }
    close(fd);
    char line[200];
    snprintf(line, sizeof line, "%s%s%s", pieces[0], pieces[1], pieces[2]);
    line[strcspn(line, "\n")] = 0;
    PS_EVENT("log-write", "\"grant\":%d,\"text\":%s", grant, ps_q(line));
}

static void worker(void) {
    PS_EVENT("role", "\"name\":\"%s\"", me);
    __atomic_add_fetch(&S->ready, 1, __ATOMIC_SEQ_CST);
    while (!S->go) ps_sleep_ms(1);                       /* all start together: they contend */
    for (int entry = 1; entry <= ENTRIES; entry++) {
        STEP_AS("lock");
        int grant = lock_visibly();
        STEP_AS("append a line to the log");
        append_line(grant, entry);
        STEP_AS("unlock");
        unlock_visibly();
        if (!ps_paced()) ps_sleep_ms(THINK_MS);
    }
    ps_exit(0);
}

/* Reads the log back and reports its lines, so the trace holds what the file really says. */
static void report_log(void) {
    FILE *f = fopen(LOG_NAME, "r");
    if (!f) { PS_EVENT("problem", "\"message\":\"cannot read the log back\""); return; }
    char fields[8192] = "";
    size_t used = 0;
    char line[256];
    int count = 0;
    while (fgets(line, sizeof line, f) && used < sizeof fields - 600) {
        line[strcspn(line, "\n")] = 0;
        used += (size_t)snprintf(fields + used, sizeof fields - used, "%s%s", count ? "," : "", ps_q(line));
        count++;
    }
    fclose(f);
    PS_EVENT("log-file", "\"file\":\"%s\",\"count\":%d,\"lines\":[%s]", LOG_NAME, count, fields);
}

int main(void) {
    ps_init("mutex");
    S = mmap(NULL, sizeof *S, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (S == MAP_FAILED) { perror("mutex: mmap"); ps_exit(1); }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&S->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    int fd = open(LOG_NAME, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) close(fd);

    STEP_AS("lock a mutex nobody else wants (the fast path)");
    lock_visibly();
    unlock_visibly();
    S->grants = 0;  /* grant numbers count the workers' turns, which the log lines show */

    STEP_AS("start three workers that share the lock");
    const char *names[WORKERS] = { "A", "B", "C" };
    pid_t kids[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        kids[i] = ps_fork();
        if (kids[i] == 0) {
            me = names[i];
            worker();
        }
    }
    for (int i = 0; i < 500 && S->ready < WORKERS; i++) ps_sleep_ms(2);
    S->go = 1;
    for (int i = 0; i < WORKERS; i++)
        if (kids[i] > 0) ps_waitpid(kids[i], NULL, 0);

    STEP_AS("read the log file back");
    report_log();
    STEP_AS("done");
    ps_exit(0);
}
