/*
 * signals — signal delivery, seen in the receiver's process control block (/proc/PID/status).
 *
 *   parent ─┬─ receiver   handlers, ignore, block/unblock, stop/continue, SIGTERM ends it
 *           ├─ worker     a long-running job ...
 *           └─ guard      ... that the guard ends with SIGINT after a timeout
 *
 * The parent sends the signals with kill() and tells the receiver what to change through a pipe
 * (handle / ignore / default / block / unblock N). In a paced run the student also sends signals
 * (the app calls kill) and sends the receiver the same commands: {"cmd":"block","signo":12}.
 * The app reads SigPnd, ShdPnd, SigBlk, SigIgn and SigCgt from /proc/PID/status itself.
 *
 * A signal handler may only do async-signal-safe things: it notes what ran and writes one byte
 * to a pipe; a helper thread (which blocks every signal, so the kernel never picks it to run a
 * handler) reports the "handler" event.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DWELL_MS 200 /* long enough for the app's 20 ms /proc sampler to see each state */
enum { PARENT, RECEIVER, WORKER, GUARD, ROLES };

/* Shared by all processes of the run: how often each role's handlers ran, per signal. */
struct shared { int handled[ROLES][65]; };
static struct shared *shared;
static int role = PARENT;
static int to_receiver[2], from_receiver[2]; /* instructions and their acknowledgements */

/* ---- handlers and their reports ---- */

struct run { int signo, code, from; long long at; };
static struct run ring[64];
static unsigned ran;               /* written by the handler */
static unsigned reported;          /* written by the helper thread */
static unsigned resumed;           /* handler runs the main code has seen itself return from */
static int wake[2] = { -1, -1 };

static void on_signal(int signo, siginfo_t *info, void *context) {
    int saved = errno;
    unsigned n = __atomic_load_n(&ran, __ATOMIC_RELAXED);
    ring[n & 63] = (struct run){ signo, info->si_code, info->si_pid, ps_now_ns() };
    __atomic_store_n(&ran, n + 1, __ATOMIC_RELEASE);
    __atomic_add_fetch(&shared->handled[role][signo], 1, __ATOMIC_SEQ_CST);
    char b = 1;
    if (write(wake[1], &b, 1) < 0) { /* the helper still sees the count */ }
    errno = saved;
}

static void *report_handlers(void *unused) {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;) {
        char b[64];
        if (read(wake[0], b, sizeof b) < 0 && errno != EINTR) return NULL;
        unsigned upto = __atomic_load_n(&ran, __ATOMIC_ACQUIRE);
        while (reported != upto) {
            struct run r = ring[reported & 63];
            PS_EVENT("handler", "\"signo\":%d,\"name\":%s,\"code\":%d,\"from\":%d,\"ranAt\":%lld", r.signo,
                     ps_q(sigabbrev_np(r.signo) ? sigabbrev_np(r.signo) : "?"), r.code, r.from, r.at);
            __atomic_store_n(&reported, reported + 1, __ATOMIC_RELEASE);
        }
    }
}

static void start_reporting(int me) {
    role = me;
    if (wake[0] >= 0) { close(wake[0]); close(wake[1]); } /* the parent's, inherited by fork */
    ran = reported = resumed = 0;
    if (pipe2(wake, O_CLOEXEC) < 0) return;
    pthread_t helper;
    pthread_create(&helper, NULL, report_handlers, NULL);
    pthread_detach(helper);
}

/* Waits (bounded) until every handler run so far has been reported, so events stay in order. */
static void flush_reports(void) {
    for (int i = 0; i < 500 && __atomic_load_n(&reported, __ATOMIC_ACQUIRE) != __atomic_load_n(&ran, __ATOMIC_ACQUIRE); i++)
        ps_sleep_ms(1);
}

/* If handlers ran since we last looked, our interrupted code runs again: they returned via sigreturn. */
static void note_resumed(const char *where) {
    unsigned now = __atomic_load_n(&ran, __ATOMIC_ACQUIRE);
    if (now == resumed) return;
    flush_reports();
    PS_EVENT("sigreturn", "\"signo\":%d,\"handlers\":%u,\"resumedIn\":%s", ring[(now - 1) & 63].signo,
             now - resumed, ps_q(where));
    resumed = now;
}

static void catch_signal(int signo, const char *want) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask); /* handlers never nest: the ring stays consistent */
    if (strcmp(want, "handler") == 0) {
        sa.sa_sigaction = on_signal;
        sa.sa_flags = SA_SIGINFO | SA_RESTART;
    } else {
        sa.sa_handler = strcmp(want, "ignore") == 0 ? SIG_IGN : SIG_DFL;
    }
    if (sigaction(signo, &sa, NULL) < 0) {
        int err = errno;
        PS_EVENT("sigaction-error", "\"signo\":%d,\"want\":%s,\"errno\":%d,\"error\":%s", signo, ps_q(want), err,
                 ps_q(strerrorname_np(err) ? strerrorname_np(err) : "?"));
    } else {
        PS_EVENT("sigaction", "\"signo\":%d,\"action\":%s", signo, ps_q(want));
    }
}

/* The blocked mask as /proc prints SigBlk: 16 hex digits, bit (signo - 1). */
static const char *mask_hex(const sigset_t *set) {
    static char hex[20];
    unsigned long long bits = 0;
    for (int s = 1; s <= 64; s++)
        if (sigismember(set, s) == 1) bits |= 1ULL << (s - 1);
    snprintf(hex, sizeof hex, "%016llx", bits);
    return hex;
}

static void change_mask(int how, int signo) {
    sigset_t one, now;
    sigemptyset(&one);
    sigaddset(&one, signo);
    sigprocmask(how, &one, &now); /* unblocking a pending signal runs its handler before this returns */
    note_resumed("sigprocmask");
    sigprocmask(SIG_BLOCK, NULL, &now);
    PS_EVENT("mask", "\"op\":%s,\"signo\":%d,\"blocked\":\"%s\"", ps_q(how == SIG_BLOCK ? "block" : "unblock"),
             signo, mask_hex(&now));
}

/* ---- the receiver: waits for work, does what it is told ---- */

static void obey(const char *what, long signo) {
    flush_reports();
    if (strcmp(what, "exit") == 0) ps_exit(0);
    if (signo < 1 || signo > 64) {
        PS_EVENT("bad-command", "\"cmd\":%s,\"reason\":\"no such signal\"", ps_q(what));
        return;
    }
    if (strcmp(what, "block") == 0) change_mask(SIG_BLOCK, (int)signo);
    else if (strcmp(what, "unblock") == 0) change_mask(SIG_UNBLOCK, (int)signo);
    else if (strcmp(what, "handle") == 0) catch_signal((int)signo, "handler");
    else if (strcmp(what, "ignore") == 0) catch_signal((int)signo, "ignore");
    else if (strcmp(what, "default") == 0) catch_signal((int)signo, "default");
    else PS_EVENT("bad-command", "\"cmd\":%s,\"reason\":\"unknown command\"", ps_q(what));
}

static void receiver(void) {
    start_reporting(RECEIVER);
    PS_EVENT("role", "\"role\":\"receiver\"");
    for (;;) {
        struct pollfd fds[2] = { { to_receiver[0], POLLIN, 0 }, { ps_connection_fd(), POLLIN, 0 } };
        int n = poll(fds, fds[1].fd >= 0 ? 2 : 1, -1); /* the work: waiting; a signal interrupts it */
        if (n < 0) {
            if (errno == EINTR) note_resumed("poll");
            continue;
        }
        if (fds[0].revents & POLLIN) {
            char line[64], what[16];
            long signo = 0;
            ssize_t got = read(to_receiver[0], line, sizeof line - 1); /* one order at a time */
            if (got <= 0) ps_exit(0); /* the parent has gone */
            line[got] = 0;
            if (sscanf(line, "%15s %ld", what, &signo) >= 1) obey(what, signo);
            if (write(from_receiver[1], "k", 1) < 0) { /* the parent has gone */ }
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            ps_cmd cmd;
            while (ps_poll_command(&cmd)) obey(cmd.name, ps_cmd_int(&cmd, "signo", 0));
        }
    }
}

/* ---- the guard example: a long job, and a guard that ends it after a timeout ---- */

static void worker(void) {
    role = WORKER;
    PS_EVENT("role", "\"role\":\"worker\"");
    for (int ms = 100; ms <= 30000; ms += 100) { /* far longer than the guard allows */
        ps_sleep_ms(100);
        if (ms % 200 == 0) PS_EVENT("work", "\"ms\":%d", ms);
    }
    ps_exit(0);
}

/* Reported before the call: the receiver may run its handler before kill() has even returned. */
static void send_signal(pid_t target, int signo) {
    PS_EVENT("kill", "\"target\":%d,\"signo\":%d,\"name\":%s", (int)target, signo, ps_q(sigabbrev_np(signo)));
    if (kill(target, signo) < 0)
        PS_EVENT("kill-error", "\"target\":%d,\"signo\":%d,\"errno\":%d", (int)target, signo, errno);
}

static void guard(pid_t job, int timeout_ms) {
    role = GUARD;
    PS_EVENT("role", "\"role\":\"guard\",\"target\":%d,\"timeoutMs\":%d", (int)job, timeout_ms);
    ps_sleep_ms(timeout_ms);
    PS_EVENT("timeout", "\"target\":%d,\"timeoutMs\":%d", (int)job, timeout_ms);
    send_signal(job, SIGINT);
    ps_sleep_ms(DWELL_MS); /* SIGCHLD does not queue: exiting at once could merge with the worker's */
    ps_exit(0);
}

/* ---- the parent: the scripted scenario ---- */

static int alive(pid_t pid) {
    char st = ps_proc_state(pid);
    return st != '?' && st != 'Z' && st != 'X';
}

/* Tells the receiver what to change and waits (bounded) until it has done it. */
static void instruct(pid_t receiver_pid, const char *what, int signo) {
    if (!alive(receiver_pid)) return;
    char line[32];
    int n = snprintf(line, sizeof line, "%s %d\n", what, signo);
    if (write(to_receiver[1], line, (size_t)n) != n) return;
    struct pollfd p = { from_receiver[0], POLLIN, 0 };
    char ack;
    while (poll(&p, 1, 3000) < 0 && errno == EINTR) { }
    if (p.revents & POLLIN) {
        if (read(from_receiver[0], &ack, 1) < 0) { /* nothing to do */ }
    } else {
        PS_EVENT("note", "\"text\":\"the receiver did not answer (stopped?)\"");
    }
}

/* Bit (signo - 1) of the receiver's pending sets, as the kernel shows them. */
static int kernel_shows_pending(pid_t pid, int signo) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f) return 0;
    int pending = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long bits;
        if (sscanf(line, "SigPnd: %llx", &bits) == 1 || sscanf(line, "ShdPnd: %llx", &bits) == 1)
            pending |= (bits >> (signo - 1)) & 1;
    }
    fclose(f);
    return pending;
}

static void until_pending(pid_t pid, int signo) {
    for (int i = 0; i < 200 && alive(pid) && !kernel_shows_pending(pid, signo); i++) ps_sleep_ms(5);
}

static void until_state(pid_t pid, char state, int wanted) {
    for (int i = 0; i < 200 && (ps_proc_state(pid) == state) != wanted && ps_proc_state(pid) != '?'; i++)
        ps_sleep_ms(5);
}

static void until_handled(int who, int signo, int before) {
    for (int i = 0; i < 200 && __atomic_load_n(&shared->handled[who][signo], __ATOMIC_SEQ_CST) == before; i++)
        ps_sleep_ms(5);
}

static int handled(int who, int signo) { return __atomic_load_n(&shared->handled[who][signo], __ATOMIC_SEQ_CST); }

static void until_zombie(pid_t pid, int max_ms) {
    for (int i = 0; i < max_ms / 10 && ps_proc_state(pid) != 'Z' && ps_proc_state(pid) != '?'; i++) ps_sleep_ms(10);
}

int main(void) {
    ps_init("signals");
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || pipe2(to_receiver, O_CLOEXEC) < 0 || pipe2(from_receiver, O_CLOEXEC) < 0) ps_exit(1);
    start_reporting(PARENT);
    PS_EVENT("role", "\"role\":\"parent\"");

    PS_STEP("parent: fork the receiver");
    pid_t r = ps_fork();
    if (r == 0) receiver();

    PS_STEP("parent: catch SIGCHLD — the kernel tells a parent about its children");
    catch_signal(SIGCHLD, "handler");

    PS_STEP("receiver: install handlers for SIGUSR1 and SIGUSR2");
    instruct(r, "handle", SIGUSR1);
    instruct(r, "handle", SIGUSR2);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGUSR1) — its handler runs");
    int before = handled(RECEIVER, SIGUSR1);
    send_signal(r, SIGUSR1);
    until_handled(RECEIVER, SIGUSR1, before);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("receiver: ignore SIGHUP");
    instruct(r, "ignore", SIGHUP);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGHUP) — ignored: discarded, never pending");
    send_signal(r, SIGHUP);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("receiver: block SIGUSR2");
    instruct(r, "block", SIGUSR2);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGUSR2) — blocked: it stays pending");
    send_signal(r, SIGUSR2);
    until_pending(r, SIGUSR2);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGUSR2) again — already pending: not counted twice");
    send_signal(r, SIGUSR2);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("receiver: unblock SIGUSR2 — the handler runs, once");
    instruct(r, "unblock", SIGUSR2);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGSTOP) — the receiver stops (state T)");
    send_signal(r, SIGSTOP);
    until_state(r, 'T', 1);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGUSR1) while it is stopped — it waits, pending");
    send_signal(r, SIGUSR1);
    until_pending(r, SIGUSR1);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGCONT) — it runs again, then handles SIGUSR1");
    before = handled(RECEIVER, SIGUSR1);
    send_signal(r, SIGCONT);
    until_state(r, 'T', 0);
    until_handled(RECEIVER, SIGUSR1, before);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("receiver: try to catch SIGKILL and SIGSTOP, and to block SIGKILL — the kernel refuses");
    instruct(r, "handle", SIGKILL);
    instruct(r, "handle", SIGSTOP);
    instruct(r, "block", SIGKILL);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: kill(receiver, SIGTERM) — no handler: the default action ends it");
    send_signal(r, SIGTERM);
    until_zombie(r, 1000);
    if (alive(r)) send_signal(r, SIGKILL); /* it was told to catch or ignore SIGTERM: SIGKILL can't be */
    until_zombie(r, 2000);
    ps_sleep_ms(DWELL_MS);

    PS_STEP("parent: waitpid — reaps the receiver");
    ps_waitpid(r, NULL, 0);

    PS_STEP("parent: fork a long-running worker");
    pid_t w = ps_fork();
    if (w == 0) worker();

    PS_STEP("parent: fork a guard that ends the worker after 1 s");
    pid_t g = ps_fork();
    if (g == 0) guard(w, 1000);

    PS_STEP("parent: wait for the worker — the guard's SIGINT ends it");
    until_zombie(w, 5000);
    ps_sleep_ms(DWELL_MS);
    ps_waitpid(w, NULL, 0);
    ps_waitpid(g, NULL, 0);

    PS_STEP("parent: done");
    flush_reports();
    ps_exit(0);
}
