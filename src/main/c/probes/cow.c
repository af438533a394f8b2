/*
 * cow — copy-on-write after fork, shown by the kernel's own page tables.
 *
 * The parent maps a region of 8 pages (a PROT_NONE guard page on each side, so the kernel cannot
 * merge it with a neighbour), fills every page, and forks. Parent and child then read
 * /proc/self/pagemap for each page: present (bit 63), exclusively mapped (bit 56), and the frame
 * number (bits 0-54; the kernel shows it to root only) — and /proc/self/smaps for the region.
 * Right after fork every frame is mapped twice (shared, write-protected); the first write to a
 * page faults, the kernel copies the frame and remaps the writer's page to the copy.
 *
 * Page 0 holds the slides' variables: global = 42, local = 10.
 *
 * Commands (paced runs, at a step point): {"cmd":"write","page":k} {"cmd":"read","page":k}
 * {"cmd":"report"} {"cmd":"exit"}; "go" does the next scripted action.
 * After ANY write or read, both processes report their pagemap again: the actor asks its peer
 * through shared memory and waits for the answer, so both columns are always current.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PAGES 8
#define VARS_PAGE 0
enum { PARENT, CHILD };
enum op { WRITE, READ, EXIT, WAIT };

struct action { int actor; enum op op; int page; const char *why; };

/* The scripted story (run mode, and Step in step mode), in this global order. */
static const struct action script[] = {
    { CHILD,  WRITE, 0, "global++ and local++ in the child: its page 0 is copied" },
    { PARENT, READ,  5, "reading a shared page copies nothing" },
    { PARENT, WRITE, 5, "the parent writes: now the parent gets the copy" },
    { CHILD,  WRITE, 3, "the child writes page 3: copied" },
    { PARENT, WRITE, 3, "page 3 is mapped once now: the kernel reuses the frame, no copy" },
    { CHILD,  WRITE, 3, "already private and writable: no fault at all" },
    { CHILD,  EXIT,  0, "the child exits" },
    { PARENT, WAIT,  0, "the parent reaps the child: every frame is mapped once again" },
};
#define SCRIPT_LEN ((int)(sizeof script / sizeof script[0]))

struct vars { int global; int local; };

/* Shared by parent and child (MAP_SHARED): whose turn it is, and "please re-read your pagemap". */
struct coord {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int turn;        /* index into script: run mode keeps the global order */
    int ready;       /* processes that have reported their pagemap after fork */
    int alive[2];
    pid_t pid[2];
    int asked[2];    /* report requests made to parent / child ... */
    int answered[2]; /* ... and answered */
};

static const char *role_name[] = { "parent", "child" };
static int role = PARENT;
static char *region;
static long page_size;
static struct coord *co;
static pthread_t helper;

static void deadline_in(struct timespec *ts, int ms) {
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) { ts->tv_sec++; ts->tv_nsec -= 1000000000L; }
}

/* The peer may have been killed without saying so: then nobody waits for it. */
static int peer_gone(void) {
    char st = ps_proc_state(co->pid[1 - role]);
    return !co->alive[1 - role] || st == '?' || st == 'Z' || st == 'X';
}

/* Waits on the shared condition until done() holds, or the peer is gone, or ms have passed. */
static void wait_until(int (*done)(int), int arg, int ms) {
    struct timespec until;
    deadline_in(&until, ms);
    while (!done(arg) && !peer_gone()) {
        struct timespec slice;
        deadline_in(&slice, 100);
        pthread_cond_timedwait(&co->cv, &co->mu, &slice);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        if (now.tv_sec > until.tv_sec || (now.tv_sec == until.tv_sec && now.tv_nsec >= until.tv_nsec)) break;
    }
}

static uint64_t pagemap_entry(int fd, int page) {
    uint64_t e = 0;
    uintptr_t va = (uintptr_t)(region + (long)page * page_size);
    if (pread(fd, &e, sizeof e, (off_t)(va / (uintptr_t)page_size) * 8) != sizeof e) e = 0;
    return e;
}

static long long frame_of(uint64_t e) {
    unsigned long long pfn = e & ((1ULL << 55) - 1);
    return (e >> 63) && pfn ? (long long)pfn : -1; /* -1: hidden (not root) or not present */
}

static const char *json_pfn(long long pfn) {
    static __thread char buf[4][24];
    static __thread int n;
    char *b = buf[n++ & 3];
    if (pfn < 0) strcpy(b, "null"); else snprintf(b, 24, "%lld", pfn);
    return b;
}

static const char *page_text(int page) {
    static __thread char buf[48];
    char *p = region + (long)page * page_size;
    if (page == VARS_PAGE) {
        struct vars *v = (struct vars *)p;
        snprintf(buf, sizeof buf, "global=%d local=%d", v->global, v->local);
    } else {
        snprintf(buf, sizeof buf, "%.24s", p);
    }
    return buf;
}

/* smaps of our region: the kernel's own count of shared and private dirty memory. */
static void read_smaps(long *shared_kb, long *private_kb, long *rss_kb) {
    *shared_kb = *private_kb = *rss_kb = -1;
    FILE *f = fopen("/proc/self/smaps", "re");
    if (!f) return;
    char line[512];
    int inside = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long start, end;
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            inside = start == (unsigned long)region;
            continue;
        }
        if (!inside) continue;
        sscanf(line, "Rss: %ld kB", rss_kb);
        sscanf(line, "Shared_Dirty: %ld kB", shared_kb);
        sscanf(line, "Private_Dirty: %ld kB", private_kb);
    }
    fclose(f);
}

/* Reports what the kernel says about every page of the region, and the region's counters. */
static void report(const char *after) {
    char pages[1024];
    int o = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    for (int i = 0; i < PAGES; i++) {
        uint64_t e = fd >= 0 ? pagemap_entry(fd, i) : 0;
        o += snprintf(pages + o, sizeof pages - (size_t)o,
                      "%s{\"index\":%d,\"present\":%s,\"exclusive\":%s,\"pfn\":%s}", i ? "," : "", i,
                      (e >> 63) & 1 ? "true" : "false", (e >> 56) & 1 ? "true" : "false", json_pfn(frame_of(e)));
    }
    if (fd >= 0) close(fd);
    PS_EVENT("pagemap", "\"role\":%s,\"after\":%s,\"pages\":[%s]", ps_q(role_name[role]), ps_q(after), pages);
    long shared, private, rss;
    read_smaps(&shared, &private, &rss);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    PS_EVENT("smaps", "\"role\":%s,\"sharedDirtyKb\":%ld,\"privateDirtyKb\":%ld,\"rssKb\":%ld,\"minflt\":%ld",
             ps_q(role_name[role]), shared, private, rss, ru.ru_minflt);
}

/* Asks the other process to re-read its pagemap and waits (bounded) until it has reported. */
static int answered(int ticket) { return co->answered[1 - role] >= ticket; }

static void ask_peer_to_report(void) {
    pthread_mutex_lock(&co->mu);
    if (co->alive[1 - role]) {
        int ticket = ++co->asked[1 - role];
        pthread_cond_broadcast(&co->cv);
        wait_until(answered, ticket, 3000);
    }
    pthread_mutex_unlock(&co->mu);
}

/* Runs beside the main thread, which may be waiting at a step point: answers report requests. */
static void *answer_report_requests(void *unused) {
    pthread_mutex_lock(&co->mu);
    for (;;) {
        while (co->alive[role] && co->answered[role] == co->asked[role])
            pthread_cond_wait(&co->cv, &co->mu);
        if (!co->alive[role]) break;
        int ticket = co->asked[role];
        pthread_mutex_unlock(&co->mu);
        report("peer");
        pthread_mutex_lock(&co->mu);
        co->answered[role] = ticket;
        pthread_cond_broadcast(&co->cv);
    }
    pthread_mutex_unlock(&co->mu);
    return NULL;
}

static void stop_answering(void) {
    pthread_mutex_lock(&co->mu);
    co->alive[role] = 0;
    pthread_cond_broadcast(&co->cv);
    pthread_mutex_unlock(&co->mu);
    pthread_join(helper, NULL);
}

static void write_page(int page) {
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    uint64_t before = pagemap_entry(fd, page);
    char *p = region + (long)page * page_size;
    char text[32];
    snprintf(text, sizeof text, "%c written by %s", 'A' + page, role_name[role]);
    struct rusage r0, r1;
    getrusage(RUSAGE_THREAD, &r0);
    if (page == VARS_PAGE) {
        struct vars *v = (struct vars *)p; /* the first write to the page: fault, copy, remap */
        v->global++;
        v->local++;
    } else {
        memcpy(p, text, strlen(text) + 1);
    }
    getrusage(RUSAGE_THREAD, &r1);
    uint64_t after = pagemap_entry(fd, page);
    close(fd);
    PS_EVENT("write", "\"role\":%s,\"page\":%d,\"wasShared\":%s,\"faults\":%ld,\"pfnBefore\":%s,\"pfnAfter\":%s,"
             "\"text\":%s", ps_q(role_name[role]), page, (before >> 56) & 1 ? "false" : "true",
             r1.ru_minflt - r0.ru_minflt, json_pfn(frame_of(before)), json_pfn(frame_of(after)), ps_q(page_text(page)));
    if (page == VARS_PAGE) {
        struct vars *v = (struct vars *)p;
        PS_EVENT("vars", "\"global\":%d,\"local\":%d,\"page\":%d", v->global, v->local, page);
    }
}

static void read_page(int page) {
    struct rusage r0, r1;
    getrusage(RUSAGE_THREAD, &r0);
    const char *text = page_text(page); /* reads the page */
    getrusage(RUSAGE_THREAD, &r1);
    PS_EVENT("read", "\"role\":%s,\"page\":%d,\"faults\":%ld,\"text\":%s", ps_q(role_name[role]), page,
             r1.ru_minflt - r0.ru_minflt, ps_q(text));
}

/* After a write or a read both processes report, so both columns on screen are current. */
static void touch(enum op op, int page) {
    if (op == WRITE) write_page(page); else read_page(page);
    report(op == WRITE ? "write" : "read");
    ask_peer_to_report();
}

static int next_action(int from) {
    while (from < SCRIPT_LEN && script[from].actor != role) from++;
    return from;
}

static int my_turn(int i) { return co->turn >= i; }

static void wait_for_turn(int i) {
    pthread_mutex_lock(&co->mu);
    wait_until(my_turn, i, 30000);
    pthread_mutex_unlock(&co->mu);
}

static void end_turn(int i) {
    pthread_mutex_lock(&co->mu);
    if (co->turn <= i) co->turn = i + 1;
    pthread_cond_broadcast(&co->cv);
    pthread_mutex_unlock(&co->mu);
}

static void step_label(char *out, size_t size, int i) {
    const char *who = role_name[role];
    if (i >= SCRIPT_LEN) { snprintf(out, size, "%s: %s", who, role == CHILD ? "exit" : "wait for the child, exit"); return; }
    const struct action *a = &script[i];
    if (a->op == WRITE || a->op == READ)
        snprintf(out, size, "%s: %s page %d — %s (or click a page)", who, a->op == WRITE ? "write" : "read", a->page, a->why);
    else
        snprintf(out, size, "%s: %s", who, a->why);
}

/* Paced: waits at a step point for the student (a click on a page, or Step for the script).
 * Unpaced: runs the script in its global order. 1 when the student said "exit". */
static int play(void) {
    int i = next_action(0);
    for (;;) {
        if (!ps_paced() && i < SCRIPT_LEN) wait_for_turn(i);
        char label[200];
        step_label(label, sizeof label, i);
        ps_cmd cmd = PS_STEP(label);
        if (ps_cmd_is(&cmd, "write") || ps_cmd_is(&cmd, "read")) {
            long page = ps_cmd_int(&cmd, "page", -1);
            if (page < 0 || page >= PAGES) {
                PS_EVENT("bad-command", "\"cmd\":%s,\"reason\":\"page out of range\"", ps_q(cmd.name));
                continue;
            }
            touch(ps_cmd_is(&cmd, "write") ? WRITE : READ, (int)page);
            continue;
        }
        if (ps_cmd_is(&cmd, "report")) { report("request"); continue; }
        if (ps_cmd_is(&cmd, "exit")) return 1;
        if (i >= SCRIPT_LEN) return 0;
        const struct action *a = &script[i];
        if (a->op == WRITE || a->op == READ) touch(a->op, a->page);
        end_turn(i);
        if (a->op == EXIT || a->op == WAIT) return 0;
        i = next_action(i + 1);
    }
}

static int both_ready(int unused) { return co->ready >= 2; }

static void start_after_fork(int me) {
    role = me;
    report("fork");
    pthread_create(&helper, NULL, answer_report_requests, NULL);
    /* Both columns show "after fork" before anyone writes. */
    pthread_mutex_lock(&co->mu);
    co->ready++;
    pthread_cond_broadcast(&co->cv);
    wait_until(both_ready, 0, 3000);
    pthread_mutex_unlock(&co->mu);
}

int main(void) {
    ps_init("cow");
    page_size = sysconf(_SC_PAGESIZE);

    PS_STEP("parent: map 8 pages between two guard pages, fill them");
    char *base = mmap(NULL, (PAGES + 2) * page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) { PS_EVENT("error", "\"what\":\"mmap\""); ps_exit(1); }
    region = base + page_size;
    mprotect(region, PAGES * page_size, PROT_READ | PROT_WRITE);
    for (int i = 0; i < PAGES; i++) memset(region + i * page_size, 'A' + i, page_size);
    struct vars *v = (struct vars *)(region + VARS_PAGE * page_size);
    v->global = 42; /* the slides' variables, in page 0 so the picture can show where they live */
    v->local = 10;
    char contents[512];
    int o = 0;
    for (int i = 0; i < PAGES; i++) {
        char head[8];
        snprintf(head, sizeof head, "%.4s", region + i * page_size);
        o += snprintf(contents + o, sizeof contents - (size_t)o, "%s%s", i ? "," : "",
                      ps_q(i == VARS_PAGE ? page_text(i) : head));
    }
    PS_EVENT("region", "\"pages\":%d,\"pageKb\":%ld,\"start\":\"%p\",\"guardPages\":2,\"varsPage\":%d,"
             "\"contents\":[%s]", PAGES, page_size / 1024, (void *)region, VARS_PAGE, contents);
    PS_EVENT("vars", "\"global\":%d,\"local\":%d,\"page\":%d", v->global, v->local, VARS_PAGE);
    report("fill");

    co = mmap(NULL, sizeof *co, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&co->mu, &ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_cond_init(&co->cv, &ca);
    co->alive[PARENT] = co->alive[CHILD] = 1;

    PS_STEP("parent: fork — the child gets a copy of the page tables, not of the pages");
    co->pid[PARENT] = getpid();
    pid_t child = ps_fork();
    if (child == 0) {
        co->pid[CHILD] = getpid();
        start_after_fork(CHILD);
        play();
        stop_answering();
        ps_exit(0);
    }
    if (child < 0) { co->alive[CHILD] = 0; ps_exit(1); }
    co->pid[CHILD] = child;
    start_after_fork(PARENT);
    int finished_by_student = play();
    ps_waitpid(child, NULL, 0);
    pthread_mutex_lock(&co->mu);
    co->alive[CHILD] = 0; /* gone even if it never said so */
    pthread_mutex_unlock(&co->mu);
    report("reap");
    stop_answering();
    if (!finished_by_student) PS_STEP("parent: done");
    ps_exit(0);
}
