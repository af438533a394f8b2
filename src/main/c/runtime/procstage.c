/* procstage.c — the probe runtime: connection, events, step gate, commands, process limit. */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PS_LINE_MAX 65536

/* Shared by every process of one run (inherited across fork), so the limit covers the tree. */
struct ps_shared { int forks; int max_procs; };

static int ps_fd = -1;
static int ps_is_paced;
static char ps_scenario[64] = "probe";
static char ps_inbuf[PS_CMD_MAX * 4];
static size_t ps_inlen;
static struct ps_shared *ps_shared;
static pthread_mutex_t ps_send_lock = PTHREAD_MUTEX_INITIALIZER;
/* Commands that arrived while waiting for something else (a sample confirmation). */
#define PS_QUEUE_MAX 16
static ps_cmd ps_queue[PS_QUEUE_MAX];
static int ps_queued;

long long ps_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int ps_paced(void) { return ps_is_paced; }
int ps_connection_fd(void) { return ps_fd; }

void ps_sleep_ms(int ms) {
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) { }
}

/* The app is the only reason a probe exists: when its socket goes away, so does the probe. */
static void ps_app_gone(void) { _exit(0); }

static void ps_send_raw(const char *buf, size_t len) {
    if (ps_fd < 0) return;
    pthread_mutex_lock(&ps_send_lock);
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(ps_fd, buf + off, len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            pthread_mutex_unlock(&ps_send_lock);
            ps_app_gone();
        }
        off += (size_t)n;
    }
    pthread_mutex_unlock(&ps_send_lock);
}

const char *ps_q(const char *s) {
    static __thread char slots[8][1024];
    static __thread int next;
    char *out = slots[next++ & 7];
    size_t o = 0;
    out[o++] = '"';
    for (; s && *s && o < sizeof slots[0] - 8; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { out[o++] = '\\'; out[o++] = (char)c; }
        else if (c == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
        else if (c == '\t') { out[o++] = '\\'; out[o++] = 't'; }
        else if (c < 0x20) { o += (size_t)snprintf(out + o, 8, "\\u%04x", c); }
        else out[o++] = (char)c;
    }
    out[o++] = '"';
    out[o] = 0;
    return out;
}

static void ps_vevent(int line, const char *type, const char *fmt, va_list ap) {
    if (ps_fd < 0) return;
    static __thread char buf[PS_LINE_MAX];
    int n = snprintf(buf, sizeof buf, "{\"type\":\"%s\",\"t\":%lld,\"pid\":%d,\"ppid\":%d",
                     type, ps_now_ns(), (int)getpid(), (int)getppid());
    if (line > 0) n += snprintf(buf + n, sizeof buf - (size_t)n, ",\"line\":%d", line);
    if (fmt && *fmt) {
        buf[n++] = ',';
        n += vsnprintf(buf + n, sizeof buf - (size_t)n - 2, fmt, ap);
    }
    if (n > (int)sizeof buf - 3) n = (int)sizeof buf - 3;
    buf[n++] = '}';
    buf[n++] = '\n';
    ps_send_raw(buf, (size_t)n);
}

void ps_event_at(int line, const char *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ps_vevent(line, type, fmt, ap);
    va_end(ap);
}

static void ps_comm(char *out, size_t size) {
    out[0] = 0;
    FILE *f = fopen("/proc/self/comm", "r");
    if (!f) return;
    if (fgets(out, (int)size, f)) out[strcspn(out, "\n")] = 0;
    fclose(f);
}

static void ps_connect(void) {
    const char *path = getenv("PROCSTAGE_SOCK");
    const char *token = getenv("PROCSTAGE_TOKEN");
    ps_fd = -1;
    ps_inlen = 0;
    if (!path || !*path) return;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        /* Started by the app but cannot reach it: the app is gone. */
        close(fd);
        ps_app_gone();
    }
    ps_fd = fd;
    char comm[64];
    ps_comm(comm, sizeof comm);
    ps_event_at(0, "hello", "\"token\":%s,\"scenario\":%s,\"comm\":%s,\"paced\":%s",
                ps_q(token ? token : ""), ps_q(ps_scenario), ps_q(comm),
                ps_is_paced ? "true" : "false");
}

void ps_init(const char *scenario) {
    snprintf(ps_scenario, sizeof ps_scenario, "%s", scenario);
    const char *paced = getenv("PROCSTAGE_PACED");
    ps_is_paced = paced && strcmp(paced, "1") == 0;
    const char *stage = getenv("PROCSTAGE_STAGE_PID");
    if (stage && atoi(stage) != getpid()) {
        /* The stage's own child (the root probe): die with the stage; if it died before prctl
         * took effect, go now. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != atoi(stage)) _exit(0);
        /* Only the root is the stage's child: a descendant that execs another probe program
         * must not take this check as its own. */
        unsetenv("PROCSTAGE_STAGE_PID");
    }
    if (!ps_shared) {
        ps_shared = mmap(NULL, sizeof *ps_shared, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (ps_shared == MAP_FAILED) { perror("procstage: mmap"); exit(1); }
        const char *max = getenv("PROCSTAGE_MAX_PROCS");
        ps_shared->max_procs = max ? atoi(max) : 32;
        ps_shared->forks = 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    ps_connect();
}

/* One line from the app, blocking or not. 1 = got a line, 0 = none yet (non-blocking). */
static int ps_read_line(ps_cmd *out, int blocking) {
    for (;;) {
        char *nl = memchr(ps_inbuf, '\n', ps_inlen);
        if (nl) {
            size_t len = (size_t)(nl - ps_inbuf);
            size_t keep = len < PS_CMD_MAX - 1 ? len : PS_CMD_MAX - 1;
            memcpy(out->raw, ps_inbuf, keep);
            out->raw[keep] = 0;
            memmove(ps_inbuf, nl + 1, ps_inlen - len - 1);
            ps_inlen -= len + 1;
            if (!ps_cmd_str(out, "cmd", out->name, sizeof out->name)) strcpy(out->name, "go");
            return 1;
        }
        if (ps_inlen == sizeof ps_inbuf) ps_inlen = 0; /* a line too long for any command */
        ssize_t n = recv(ps_fd, ps_inbuf + ps_inlen, sizeof ps_inbuf - ps_inlen,
                         blocking ? 0 : MSG_DONTWAIT);
        if (n == 0) ps_app_gone();
        if (n < 0) {
            if (errno == EINTR) continue;
            if (!blocking && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
            ps_app_gone();
        }
        ps_inlen += (size_t)n;
    }
}

static int ps_dequeue(ps_cmd *out) {
    if (ps_queued == 0) return 0;
    *out = ps_queue[0];
    memmove(ps_queue, ps_queue + 1, sizeof ps_queue[0] * (size_t)(--ps_queued));
    return 1;
}

int ps_poll_command(ps_cmd *out) {
    if (ps_dequeue(out)) return 1;
    if (ps_fd < 0) return 0;
    return ps_read_line(out, 0);
}

int ps_kernel_sample(pid_t pid, int timeout_ms) {
    if (ps_fd < 0) return 0;
    ps_event_at(0, "sample-request", "\"target\":%d", (int)pid);
    long long deadline = ps_now_ns() + (long long)timeout_ms * 1000000LL;
    for (;;) {
        ps_cmd cmd;
        if (ps_read_line(&cmd, 0)) {
            if (ps_cmd_is(&cmd, "sampled")) return 1;
            if (ps_queued < PS_QUEUE_MAX) ps_queue[ps_queued++] = cmd;
            continue;
        }
        if (ps_now_ns() > deadline) return 0;
        ps_sleep_ms(1);
    }
}

ps_cmd ps_step_at(int line, const char *name) {
    ps_cmd cmd;
    memset(&cmd, 0, sizeof cmd);
    ps_event_at(line, "step", "\"name\":%s,\"paced\":%s", ps_q(name),
                ps_is_paced ? "true" : "false");
    if (ps_fd >= 0 && ps_is_paced) {
        if (!ps_dequeue(&cmd)) ps_read_line(&cmd, 1);
        return cmd;
    }
    if (!ps_poll_command(&cmd)) strcpy(cmd.name, "go");
    return cmd;
}

static const char *ps_find_key(const ps_cmd *cmd, const char *key) {
    char pat[48];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(cmd->raw, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (*p == ' ' || *p == ':') p++;
    return p;
}

long ps_cmd_int(const ps_cmd *cmd, const char *key, long dflt) {
    const char *p = ps_find_key(cmd, key);
    if (!p) return dflt;
    char *end;
    long v = strtol(p, &end, 10);
    return end == p ? dflt : v;
}

int ps_cmd_str(const ps_cmd *cmd, const char *key, char *out, int out_size) {
    const char *p = ps_find_key(cmd, key);
    if (!p || *p != '"') return 0;
    p++;
    int o = 0;
    while (*p && *p != '"' && o < out_size - 1) {
        if (*p == '\\' && p[1]) {
            p++;
            out[o++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            p++;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = 0;
    return 1;
}

int ps_cmd_is(const ps_cmd *cmd, const char *name) { return strcmp(cmd->name, name) == 0; }

static pid_t ps_fork_impl(int line, int orphanable) {
    if (ps_shared && __atomic_add_fetch(&ps_shared->forks, 1, __ATOMIC_SEQ_CST) > ps_shared->max_procs) {
        __atomic_sub_fetch(&ps_shared->forks, 1, __ATOMIC_SEQ_CST);
        ps_event_at(line, "limit", "\"max\":%d", ps_shared->max_procs);
        errno = EAGAIN;
        return -1;
    }
    pid_t parent = getpid();
    fflush(NULL); /* or buffered output prints twice */
    pid_t child = fork();
    if (child < 0) {
        int err = errno;
        ps_event_at(line, "fork-error", "\"errno\":%d", err);
        errno = err;
        return -1;
    }
    if (child == 0) {
        if (!orphanable) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(0);
        }
        pthread_mutex_init(&ps_send_lock, NULL);
        ps_queued = 0;
        if (ps_fd >= 0) {
            close(ps_fd); /* the parent's connection stays the parent's */
            ps_connect();
        }
        return 0;
    }
    ps_event_at(line, "fork", "\"child\":%d", (int)child);
    return child;
}

pid_t ps_fork_at(int line) { return ps_fork_impl(line, 0); }
pid_t ps_fork_orphanable_at(int line) { return ps_fork_impl(line, 1); }

pid_t ps_waitpid_at(int line, pid_t pid, int *status, int options) {
    int st = 0;
    pid_t got;
    do { got = waitpid(pid, &st, options); } while (got < 0 && errno == EINTR);
    if (got > 0) {
        if (WIFEXITED(st))
            ps_event_at(line, "reap", "\"child\":%d,\"code\":%d", (int)got, WEXITSTATUS(st));
        else if (WIFSIGNALED(st))
            ps_event_at(line, "reap", "\"child\":%d,\"signal\":%d", (int)got, WTERMSIG(st));
    }
    if (status) *status = st;
    return got;
}

int ps_execv_at(int line, const char *path, char *const argv[]) {
    char args[512];
    size_t o = 0;
    args[0] = 0;
    for (int i = 0; argv[i] && o < sizeof args - 2; i++)
        o += (size_t)snprintf(args + o, sizeof args - o, "%s%s", i ? " " : "", argv[i]);
    ps_event_at(line, "exec", "\"path\":%s,\"argv\":%s", ps_q(path), ps_q(args));
    execv(path, argv);
    int err = errno;
    ps_event_at(line, "exec-error", "\"path\":%s,\"errno\":%d", ps_q(path), err);
    errno = err;
    return -1;
}

void ps_exit_at(int line, int code) {
    ps_event_at(line, "exit", "\"code\":%d", code);
    fflush(NULL);
    _exit(code);
}

char ps_proc_state(pid_t pid) {
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return '?';
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return '?';
    buf[n] = 0;
    char *rp = strrchr(buf, ')'); /* comm may contain spaces and parentheses */
    return rp && rp[1] && rp[2] ? rp[2] : '?';
}
