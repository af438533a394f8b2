/*
 * pipe — the kernel buffer between a writer and a reader, with real pipes.
 *
 *   1 fill      a writer of 512-byte chunks fills the pipe and blocks; it wakes only when a
 *               whole page (4096 bytes) has been read, not after every read
 *   2 empty     a 4 KiB pipe: the reader blocks on an empty pipe; 1000-byte writes block at 4000
 *   3 EOF       read() returns 0 only when every write end is closed — and the classic bug
 *   4 SIGPIPE   writing with no reader left: killed by signal 13, or EPIPE when it is ignored
 *   5 PIPE_BUF  two writers: 4096-byte records never interleave, 65536-byte records can
 *
 * The fill is the kernel's own count: a thread in the reader (which holds the read end anyway,
 * so nothing about EOF or SIGPIPE changes) asks ioctl(FIONREAD) every 10 ms.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct pipe_ends { int rfd, wfd, phase; long inode; };
enum { READ_END, WRITE_END };

static int opt_shrink;   /* student's toggle: make the next pipe 4 KiB */
static int opt_forget;   /* student's toggle: the parent keeps its write end (phase 3) */

static const char *errname(int e) {
    switch (e) {
    case EPIPE: return "EPIPE";   case EAGAIN: return "EAGAIN"; case EINTR: return "EINTR";
    case EBADF: return "EBADF";   case EBUSY: return "EBUSY";   case EPERM: return "EPERM";
    case EINVAL: return "EINVAL"; default: return "E?";
    }
}

/* A parent step point that also takes the student's toggles, then waits at the same point. */
static ps_cmd parent_step_at(int line, const char *name) {
    for (;;) {
        ps_cmd c = ps_step_at(line, name);
        if (!ps_cmd_is(&c, "option")) return c;
        long s = ps_cmd_int(&c, "shrink", -1), f = ps_cmd_int(&c, "forget", -1);
        if (s == 0 || s == 1) opt_shrink = (int)s;
        if (f == 0 || f == 1) opt_forget = (int)f;
        PS_EVENT("option", "\"shrink\":%s,\"forget\":%s", opt_shrink ? "true" : "false",
                 opt_forget ? "true" : "false");
    }
}
#define PARENT_STEP(name) parent_step_at(__LINE__, (name))

static void phase(int n, const char *name, const char *title) {
    PS_EVENT("phase", "\"phase\":%d,\"name\":%s,\"title\":%s", n, ps_q(name), ps_q(title));
}

static struct pipe_ends make_pipe(int phase_no, int shrink) {
    struct pipe_ends p = { -1, -1, phase_no, 0 };
    int fds[2];
    if (pipe(fds) < 0) { PS_EVENT("pipe-error", "\"errno\":%s", ps_q(errname(errno))); ps_exit(1); }
    struct stat st;
    fstat(fds[0], &st);
    p.rfd = fds[0]; p.wfd = fds[1]; p.inode = (long)st.st_ino;
    PS_EVENT("pipe", "\"phase\":%d,\"inode\":%ld,\"readFd\":%d,\"writeFd\":%d", phase_no, p.inode, p.rfd, p.wfd);
    PS_EVENT("pipe-info", "\"inode\":%ld,\"capacity\":%d,\"pipeBuf\":%ld,\"by\":\"F_GETPIPE_SZ\"", p.inode,
             fcntl(p.wfd, F_GETPIPE_SZ), fpathconf(p.wfd, _PC_PIPE_BUF));
    if (shrink) {
        int r = fcntl(p.wfd, F_SETPIPE_SZ, 4096); /* rounds up to a page: 4096 is the least */
        PS_EVENT("pipe-resize", "\"inode\":%ld,\"requested\":4096,\"result\":%s,\"capacity\":%d", p.inode,
                 r < 0 ? ps_q(errname(errno)) : "\"ok\"", fcntl(p.wfd, F_GETPIPE_SZ));
    }
    return p;
}

static void close_end(struct pipe_ends *p, int which) {
    int *fd = which == WRITE_END ? &p->wfd : &p->rfd;
    if (*fd < 0) return;
    long long t0 = ps_now_ns(); /* the event is sent after close(): its effects may be reported first */
    close(*fd);
    PS_EVENT("close", "\"fd\":%d,\"end\":%s,\"inode\":%ld,\"t0\":%lld", *fd,
             which == WRITE_END ? "\"write\"" : "\"read\"", p->inode, t0);
    *fd = -1;
}

static void role(const char *what, const char *name, const struct pipe_ends *p) {
    PS_EVENT("role", "\"role\":%s,\"name\":%s,\"phase\":%d,\"inode\":%ld", ps_q(what), ps_q(name), p->phase, p->inode);
}

static ssize_t write_chunk(int fd, const char *buf, int n) {
    long long t0 = ps_now_ns();
    ssize_t r = write(fd, buf, (size_t)n);
    if (r < 0) PS_EVENT("write", "\"fd\":%d,\"bytes\":%d,\"result\":%s,\"t0\":%lld", fd, n, ps_q(errname(errno)), t0);
    else PS_EVENT("write", "\"fd\":%d,\"bytes\":%d,\"result\":%zd,\"t0\":%lld", fd, n, r, t0);
    return r;
}

static ssize_t read_chunk(int fd, char *buf, int n) {
    long long t0 = ps_now_ns();
    ssize_t r;
    do { r = read(fd, buf, (size_t)n); } while (r < 0 && errno == EINTR);
    if (r < 0) PS_EVENT("read", "\"fd\":%d,\"bytes\":%d,\"result\":%s,\"t0\":%lld", fd, n, ps_q(errname(errno)), t0);
    else PS_EVENT("read", "\"fd\":%d,\"bytes\":%d,\"result\":%zd,\"t0\":%lld", fd, n, r, t0);
    return r;
}

/* ---- the fill sampler: a thread of the reader, asking the kernel how much is buffered ---- */

struct fill_sampler { pthread_t thread; int fd; long inode; volatile int stop; };

static void sample_fill(struct fill_sampler *s, int *last) {
    int n = 0;
    if (ioctl(s->fd, FIONREAD, &n) == 0 && n != *last) {
        /* line 0: an observation, not a step of the program, so the code panel does not jump here */
        ps_event_at(0, "pipe-fill", "\"fd\":%d,\"inode\":%ld,\"bytes\":%d,\"by\":\"ioctl FIONREAD\"", s->fd,
                    s->inode, n);
        *last = n;
    }
}

static void *fill_loop(void *arg) {
    struct fill_sampler *s = arg;
    int last = -1;
    while (!s->stop) { sample_fill(s, &last); ps_sleep_ms(10); }
    sample_fill(s, &last);
    return NULL;
}

static void sampler_start(struct fill_sampler *s, const struct pipe_ends *p) {
    s->fd = p->rfd; s->inode = p->inode; s->stop = 0;
    pthread_create(&s->thread, NULL, fill_loop, s);
}

static void sampler_stop(struct fill_sampler *s) { s->stop = 1; pthread_join(s->thread, NULL); }

/* ---- phases 1 and 2: a writer and a reader the student steps independently ---- */

/* The pids of this round's writer and reader, shared so each can wait for the other's state. */
enum { WRITER, READER };
static volatile pid_t *peers;

/* Probes may read /proc when they must wait for a state: here, a peer asleep in fn (bounded). */
static int sleeps_in(pid_t pid, const char *fn) {
    char path[64], w[128] = "";
    snprintf(path, sizeof path, "/proc/%d/wchan", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    if (!fgets(w, sizeof w, f)) w[0] = 0;
    fclose(f);
    return strstr(w, fn) != NULL;
}

static void await_peer_in(int who, const char *fn) {
    for (int i = 0; i < 300 && !(peers[who] > 0 && sleeps_in(peers[who], fn)); i++) ps_sleep_ms(10);
}

/* Unpaced timing: wait_in = a state of the peer to wait for, then stay put for delay ms, so the
 * 20 ms kernel sampler sees the blocked process for certain. */
struct flow { int chunk, per_step, max_chunks; const char *wait_in; int start_delay, first_step_pause; };
struct drain { int size, calls; const char *wait_in; int start_delay, slow_steps, read_pause;
               const char *pause_wait_in; int first_step_pause; };

static void writer_flow(struct pipe_ends p, struct flow f) {
    peers[WRITER] = getpid();
    role("writer", "writer", &p);
    close_end(&p, READ_END); /* never reads: close the unused end */
    static char buf[4096];
    memset(buf, 'w', sizeof buf);
    if (!ps_paced() && f.wait_in) await_peer_in(READER, f.wait_in);
    if (!ps_paced()) ps_sleep_ms(f.start_delay);
    char name[96];
    snprintf(name, sizeof name, "writer: write %d x %d bytes", f.per_step, f.chunk);
    for (int done = 0, step = 0; done < f.max_chunks; step++) {
        ps_cmd c = PS_STEP(name);
        if (ps_cmd_is(&c, "close")) break;
        for (int i = 0; i < f.per_step && done < f.max_chunks; i++, done++) write_chunk(p.wfd, buf, f.chunk);
        if (step == 0 && !ps_paced()) ps_sleep_ms(f.first_step_pause);
    }
    close_end(&p, WRITE_END);
    ps_exit(0);
}

static void reader_flow(struct pipe_ends p, struct drain d) {
    peers[READER] = getpid();
    role("reader", "reader", &p);
    close_end(&p, WRITE_END); /* never writes: close the unused end, or EOF could never come */
    struct fill_sampler s;
    sampler_start(&s, &p);
    static char buf[65536];
    int paced = ps_paced();
    if (!paced && d.wait_in) await_peer_in(WRITER, d.wait_in);
    if (!paced) ps_sleep_ms(d.start_delay);
    char name[96];
    snprintf(name, sizeof name, "reader: read %d x %d bytes", d.calls, d.size);
    int eof = 0;
    long total = 0;
    for (int step = 0; !eof; step++) {
        if (!paced && step > 0 && step < d.slow_steps) ps_sleep_ms(d.read_pause);
        ps_cmd c = PS_STEP(name);
        long size = ps_cmd_int(&c, "size", d.size), calls = ps_cmd_int(&c, "calls", d.calls);
        if (size < 1 || size > (long)sizeof buf) size = d.size;  /* never trust a command blindly */
        if (calls < 1 || calls > 1024) calls = d.calls;
        for (long i = 0; i < calls && !eof; i++) {
            /* slow enough for the fill to be seen falling, and the writer to refill in between */
            if (paced && i > 0 && size <= 512) ps_sleep_ms(60);
            if (!paced && i > 0 && step < d.slow_steps) ps_sleep_ms(d.read_pause);
            ssize_t n = read_chunk(p.rfd, buf, (int)size);
            if (n > 0) total += n;
            if (n == 0) { PS_EVENT("eof", "\"fd\":%d,\"inode\":%ld,\"total\":%ld", p.rfd, p.inode, total); eof = 1; }
            if (n < 0) eof = 1;
        }
        if (step == 0 && !paced && d.pause_wait_in) await_peer_in(WRITER, d.pause_wait_in);
        if (step == 0 && !paced) ps_sleep_ms(d.first_step_pause);
    }
    sampler_stop(&s);
    close_end(&p, READ_END);
    ps_exit(0);
}

static void reap(pid_t pid) { ps_waitpid(pid, NULL, 0); }

static void writer_and_reader(int phase_no, int shrink, struct flow f, struct drain d) {
    struct pipe_ends p = make_pipe(phase_no, shrink);
    peers[WRITER] = peers[READER] = 0;
    PARENT_STEP("parent: fork a writer and a reader; both inherit both ends");
    pid_t w = ps_fork();
    if (w == 0) writer_flow(p, f);
    pid_t r = ps_fork();
    if (r == 0) reader_flow(p, d);
    PARENT_STEP("parent: close both ends — it neither reads nor writes");
    close_end(&p, READ_END);
    close_end(&p, WRITE_END);
    reap(w);
    reap(r);
}

/* ---- phase 3: EOF, done right and with the forgotten write end ---- */

/* scripted: 0 or 1 in a recorded run; -1 when paced: the student's toggle, read when the parent acts. */
static void eof_round(int scripted) {
    struct pipe_ends p = make_pipe(3, 0);
    PARENT_STEP(scripted == 1 ? "parent: fork a writer and a reader (this time the parent will forget one end)"
                              : "parent: fork a writer and a reader");
    pid_t w = ps_fork();
    if (w == 0) {
        role("writer", "writer", &p);
        close_end(&p, READ_END);
        PS_STEP("writer: write one message, close the write end, exit");
        write_chunk(p.wfd, "hello\n", 6);
        close_end(&p, WRITE_END);
        ps_exit(0);
    }
    pid_t r = ps_fork();
    if (r == 0) {
        struct drain d = { 4096, 1, NULL, 0, 0, 0, NULL, 0 };
        reader_flow(p, d); /* one read() a step, until read() returns 0 */
    }
    PARENT_STEP(scripted == 1 ? "parent: close the read end … and forget the write end (the bug)"
                : scripted == 0 ? "parent: close both ends"
                : "parent: close both ends (with the 'Bug' toggle on, it keeps the write end)");
    int forget = scripted >= 0 ? scripted : opt_forget;
    close_end(&p, READ_END);
    if (!forget) close_end(&p, WRITE_END);
    else PS_EVENT("keep-open", "\"fd\":%d,\"end\":\"write\",\"inode\":%ld", p.wfd, p.inode);
    reap(w);
    if (forget) {
        if (!ps_paced()) { /* wait until the kernel shows the reader asleep on the drained pipe; let it be seen */
            for (int i = 0; i < 500 && !sleeps_in(r, "pipe_read"); i++) ps_sleep_ms(10);
            ps_sleep_ms(600);
        }
        PARENT_STEP("parent: finally close the forgotten write end");
        close_end(&p, WRITE_END);
    }
    reap(r);
}

/* ---- phase 4: SIGPIPE ---- */

/* Does pid hold any end of pipe inode? Read from /proc/PID/fd, as the kernel keeps it. */
static int holds_pipe(pid_t pid, long inode) {
    char dir[64], link[96], want[48];
    snprintf(dir, sizeof dir, "/proc/%d/fd", (int)pid);
    snprintf(want, sizeof want, "pipe:[%ld]", inode);
    for (int fd = 0; fd < 64; fd++) {
        char path[96];
        snprintf(path, sizeof path, "%s/%d", dir, fd);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n > 0) { link[n] = 0; if (strcmp(link, want) == 0) return 1; }
    }
    return 0;
}

static void sigpipe_round(int ignore) {
    struct pipe_ends p = make_pipe(4, 0);
    PARENT_STEP(ignore ? "parent: fork a reader that leaves, and a writer that ignores SIGPIPE"
                       : "parent: fork a reader that leaves, and a writer");
    pid_t r = ps_fork();
    if (r == 0) {
        role("reader", "reader", &p);
        close_end(&p, WRITE_END);
        PS_STEP("reader: close the read end and exit — nobody will read");
        close_end(&p, READ_END);
        ps_exit(0);
    }
    pid_t w = ps_fork();
    if (w == 0) {
        role("writer", "writer", &p);
        struct sigaction sa = { .sa_handler = ignore ? SIG_IGN : SIG_DFL };
        sigaction(SIGPIPE, &sa, NULL); /* set it either way: a launcher may have changed it */
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        PS_EVENT("sigaction", "\"signal\":13,\"action\":%s", ignore ? "\"ignore\"" : "\"default\"");
        close_end(&p, READ_END);
        /* until no process can read: the reader gone (zombie or reaped), the parent's copy closed */
        for (int i = 0; i < 500 || ps_paced(); i++) {
            char st = ps_proc_state(r);
            if ((st == 'Z' || st == '?') && !holds_pipe(getppid(), p.inode)) break;
            ps_sleep_ms(10);
        }
        PS_STEP("writer: write into a pipe that no process can read");
        static char buf[512];
        write_chunk(p.wfd, buf, sizeof buf); /* default action: the kernel kills us right here */
        close_end(&p, WRITE_END);
        ps_exit(0);
    }
    PARENT_STEP("parent: close both ends — a read end left open here would prevent SIGPIPE");
    close_end(&p, READ_END);
    close_end(&p, WRITE_END);
    reap(r);
    for (int i = 0; ps_proc_state(w) != 'Z' && (i < 500 || ps_paced()); i++) ps_sleep_ms(10);
    if (!ps_paced()) ps_sleep_ms(200); /* the writer's end, as the kernel shows it: a zombie */
    int st = 0;
    ps_waitpid(w, &st, 0);
    if (WIFSIGNALED(st))  /* the writer cannot report its own death: its parent reads waitpid's status */
        PS_EVENT("exit", "\"child\":%d,\"signal\":%d,\"by\":\"waitpid status\"", (int)w, WTERMSIG(st));
    PARENT_STEP(WIFSIGNALED(st) ? "parent: waitpid says the writer was killed by a signal"
                                : "parent: waitpid says the writer exited normally");
}

/* ---- phase 5: PIPE_BUF ---- */

struct runs { int count, switches, interleaved; long pos[2], counted[2]; int tag[256]; long len[256]; };

/* Walks the stream as runs of one writer's bytes; a record is interleaved when its bytes arrive
 * in more than one run, i.e. the other writer's bytes came in the middle of it. */
static void scan(struct runs *r, const char *buf, ssize_t n, int record, int *cur) {
    for (ssize_t i = 0; i < n; i++) {
        int t = buf[i] == 'B';
        if (t != *cur) {
            if (*cur >= 0) r->switches++;
            *cur = t;
            if (r->pos[t] % record && r->counted[t] != r->pos[t] / record) {
                r->interleaved++;
                r->counted[t] = r->pos[t] / record;
            }
            if (r->count < 256) { r->tag[r->count] = t; r->len[r->count] = 0; }
            r->count++;
        }
        if (r->count <= 256) r->len[r->count - 1]++;
        r->pos[t]++;
    }
}

static void pipebuf_reader(struct pipe_ends p, int record, int *result) {
    role("reader", "reader", &p);
    close_end(&p, WRITE_END);
    struct fill_sampler s;
    sampler_start(&s, &p);
    PS_STEP("reader: read the whole stream and check every record");
    if (!ps_paced()) ps_sleep_ms(100); /* both writers fill the pipe and wait: they must compete */
    static char buf[4096];
    static struct runs r;
    memset(&r, 0, sizeof r);
    r.counted[0] = r.counted[1] = -1;
    int cur = -1;
    long total = 0;
    ssize_t n;
    while ((n = read(p.rfd, buf, sizeof buf)) > 0) { /* page by page: each freed page is a race */
        scan(&r, buf, n, record, &cur);
        total += n;
        ps_sleep_ms(1);
    }
    PS_EVENT("eof", "\"fd\":%d,\"inode\":%ld,\"total\":%ld", p.rfd, p.inode, total);
    char runs[256 * 16];
    size_t o = 0;
    for (int i = 0; i < r.count && i < 256; i++)
        o += (size_t)snprintf(runs + o, sizeof runs - o, "%s[%d,%ld]", i ? "," : "", r.tag[i], r.len[i]);
    runs[o] = 0;
    PS_EVENT("pipebuf-result", "\"recordBytes\":%d,\"records\":%ld,\"interleaved\":%d,\"switches\":%d,"
             "\"bytes\":%ld,\"runs\":[%s]", record, total / record, r.interleaved, r.switches, total, runs);
    *result = r.interleaved;
    sampler_stop(&s);
    close_end(&p, READ_END);
    ps_exit(0);
}

static void pipebuf_writer(struct pipe_ends p, char tag, int record, int count) {
    char name[16], step[96];
    snprintf(name, sizeof name, "writer %c", tag);
    role("writer", name, &p);
    close_end(&p, READ_END);
    char *buf = malloc((size_t)record);
    if (!buf) ps_exit(1);
    memset(buf, tag, (size_t)record);
    snprintf(step, sizeof step, "writer %c: write %d records of %d bytes, one write() each", tag, count, record);
    PS_STEP(step);
    for (int i = 0; i < count; i++) write_chunk(p.wfd, buf, record);
    close_end(&p, WRITE_END);
    ps_exit(0);
}

static int pipebuf_round(int record, int count) {
    int *result = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (result == MAP_FAILED) return -1;
    *result = -1;
    struct pipe_ends p = make_pipe(5, 0);
    PARENT_STEP(record <= PIPE_BUF ? "parent: fork a reader and two writers of 4096-byte records"
                                   : "parent: fork a reader and two writers of records larger than PIPE_BUF");
    pid_t r = ps_fork();
    if (r == 0) pipebuf_reader(p, record, result);
    pid_t a = ps_fork();
    if (a == 0) pipebuf_writer(p, 'A', record, count);
    pid_t b = ps_fork();
    if (b == 0) pipebuf_writer(p, 'B', record, count);
    close_end(&p, READ_END);
    close_end(&p, WRITE_END);
    reap(a);
    reap(b);
    reap(r);
    int interleaved = *result;
    munmap(result, sizeof(int));
    return interleaved;
}

int main(void) {
    int null = open("/dev/null", O_RDONLY); /* stdin is unused: keep the descriptor table about pipes */
    if (null > 0) { dup2(null, 0); close(null); }
    ps_init("pipe");
    int paced = ps_paced();
    peers = mmap(NULL, 2 * sizeof(pid_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (peers == MAP_FAILED) ps_exit(1);

    phase(1, "fill", "The buffer fills and the writer blocks");
    PARENT_STEP("parent: make a pipe (toggle 'shrink' first for a 4 KiB one)");
    /* 8 KiB a step, 72 KiB in all unpaced; the reader starts once the writer has been blocked 1 s
     * (the app's sampler can lag that much on a loaded machine),
     * then reads a page a step, 512 bytes a read, 25 ms apart for two pages */
    struct flow fill = { 512, 16, paced ? 192 : 144, NULL, 0, 0 };
    struct drain page = { 512, 8, "pipe_write", 1000, 2, 25, NULL, 0 };
    writer_and_reader(1, opt_shrink, fill, page);

    phase(2, "empty", "An empty pipe blocks the reader; a small pipe blocks the writer sooner");
    PARENT_STEP("parent: make a pipe (shrunk to 4 KiB in a recorded run)");
    /* the reader blocks on the empty pipe first; it takes record 1 alone, then waits while the
     * writer blocks with 4000 bytes buffered */
    struct flow records = { 1000, 1, paced ? 16 : 6, "pipe_read", 500, 50 };
    struct drain one_read = { 4096, 1, NULL, 0, 0, 0, "pipe_write", 500 };
    writer_and_reader(2, paced ? opt_shrink : 1, records, one_read);

    phase(3, "eof", "End of file: every write end must be closed");
    for (int round = 0; round < 6; round++) {
        eof_round(paced ? -1 : round == 1);
        if (!paced && round == 1) break;
        if (paced) {
            ps_cmd c = PARENT_STEP("parent: EOF done — Repeat (toggle the bug first) or step on");
            if (!ps_cmd_is(&c, "repeat")) break;
        }
    }

    phase(4, "sigpipe", "Writing to a pipe nobody reads: SIGPIPE, or EPIPE");
    sigpipe_round(0);
    sigpipe_round(1);

    phase(5, "pipebuf", "PIPE_BUF: which writes stay whole");
    pipebuf_round(PIPE_BUF, 32);
    /* A race, not a rule: if a recorded run happened to keep every large record whole, try again. */
    for (int tries = 0; pipebuf_round(65536, 4) == 0 && !paced && tries < 3; tries++) { }

    PARENT_STEP("parent: done — every child reaped");
    ps_exit(0);
}
