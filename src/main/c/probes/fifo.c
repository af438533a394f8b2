/*
 * fifo — a named pipe: a pipe that lives in the file system, so processes that share no file
 * descriptor can meet through it by name.
 *
 *   root: mkfifo("demo.fifo") ─┬─ reader: open(O_RDONLY)   blocks until a writer opens
 *                              └─ writer: open(O_WRONLY)   (forked later: the reader waits)
 *   root: O_NONBLOCK opens — a writer with no reader fails with ENXIO; a reader never waits.
 *
 * The children are siblings that inherit no pipe: all they know is the FIFO's name.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIFO_NAME "demo.fifo"
static const char MESSAGE[] = "hello through demo.fifo";

/* The type letter and permissions the way `ls -l` prints them, e.g. "prw-------". */
static void mode_string(mode_t m, char out[11]) {
    out[0] = S_ISFIFO(m) ? 'p' : S_ISDIR(m) ? 'd' : S_ISREG(m) ? '-' : S_ISSOCK(m) ? 's' : '?';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) out[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
    out[10] = 0;
}

static void report_fifo(const char *type) {
    struct stat st;
    char cwd[512] = "";
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "?");
    if (stat(FIFO_NAME, &st) < 0) {
        PS_EVENT(type, "\"name\":%s,\"dir\":%s,\"errno\":%d", ps_q(FIFO_NAME), ps_q(cwd), errno);
        return;
    }
    char mode[11];
    mode_string(st.st_mode, mode);
    PS_EVENT(type, "\"name\":%s,\"dir\":%s,\"fileType\":%s,\"mode\":%s,\"inode\":%lu,\"size\":%lld",
             ps_q(FIFO_NAME), ps_q(cwd), ps_q(S_ISFIFO(st.st_mode) ? "p" : "not a FIFO"), ps_q(mode),
             (unsigned long)st.st_ino, (long long)st.st_size);
}

static const char *errno_name(int err) {
    switch (err) {
        case ENXIO: return "ENXIO";
        case ENOENT: return "ENOENT";
        case EAGAIN: return "EAGAIN";
        case EINTR: return "EINTR";
        default: return "error";
    }
}

/* open() the FIFO by name and report how it went and how long the call took. */
static int open_fifo(int flags, const char *mode) {
    PS_EVENT("fifo-opening", "\"name\":%s,\"mode\":%s", ps_q(FIFO_NAME), ps_q(mode));
    long long start = ps_now_ns();
    int fd = open(FIFO_NAME, flags | O_CLOEXEC);
    int err = errno;
    double ms = (ps_now_ns() - start) / 1e6;
    if (fd >= 0)
        PS_EVENT("fifo-open", "\"name\":%s,\"mode\":%s,\"result\":%d,\"fd\":%d,\"ms\":%.2f",
                 ps_q(FIFO_NAME), ps_q(mode), fd, fd, ms);
    else
        PS_EVENT("fifo-open", "\"name\":%s,\"mode\":%s,\"result\":%s,\"errno\":%d,\"ms\":%.2f",
                 ps_q(FIFO_NAME), ps_q(mode), ps_q(errno_name(err)), err, ms);
    errno = err;
    return fd;
}

static void read_once(int fd) {
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    int err = errno;
    buf[n > 0 ? n : 0] = 0;
    if (n > 0)
        PS_EVENT("read", "\"fd\":%d,\"bytes\":%zd,\"result\":%zd,\"text\":%s", fd, n, n, ps_q(buf));
    else if (n == 0)
        PS_EVENT("eof", "\"fd\":%d,\"result\":0", fd);
    else
        PS_EVENT("read", "\"fd\":%d,\"bytes\":0,\"result\":-1,\"error\":%s", fd, ps_q(errno_name(err)));
}

/* Reported before the call: the other side reacts at once, and its report must not come first. */
static void close_fd(int fd) {
    PS_EVENT("close", "\"fd\":%d", fd);
    if (close(fd) < 0) PS_EVENT("close-error", "\"fd\":%d,\"errno\":%d", fd, errno);
}

static void reader(void) {
    PS_EVENT("role", "\"role\":\"reader\"");
    PS_STEP("reader: open(\"demo.fifo\", O_RDONLY) — waits for a writer");
    int fd = open_fifo(O_RDONLY, "O_RDONLY");
    if (fd < 0) ps_exit(1);
    PS_STEP("reader: read() — waits until the writer writes");
    read_once(fd);
    PS_STEP("reader: read() again — 0 bytes means end of file");
    read_once(fd);
    close_fd(fd);
    ps_exit(0);
}

static void writer(void) {
    PS_EVENT("role", "\"role\":\"writer\"");
    PS_STEP("writer: open(\"demo.fifo\", O_WRONLY) — a reader is waiting");
    int fd = open_fifo(O_WRONLY, "O_WRONLY");
    if (fd < 0) ps_exit(1);
    PS_STEP("writer: write() the message");
    ssize_t n = write(fd, MESSAGE, strlen(MESSAGE));
    PS_EVENT("write", "\"fd\":%d,\"bytes\":%zu,\"result\":%zd,\"text\":%s", fd, strlen(MESSAGE), n, ps_q(MESSAGE));
    if (!ps_paced()) ps_sleep_ms(300); /* the reader's second read() waits for this close */
    PS_STEP("writer: close() — the reader's next read() returns 0");
    close_fd(fd);
    ps_exit(0);
}

/* 1 once the kernel shows pid sleeping in the FIFO open (wchan wait_for_partner). */
static int waits_for_partner(pid_t pid) {
    char path[64], buf[128];
    snprintf(path, sizeof path, "/proc/%d/wchan", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    return strstr(buf, "wait_for_partner") != NULL;
}

int main(void) {
    ps_init("fifo");
    PS_EVENT("role", "\"role\":\"root\"");
    unlink(FIFO_NAME); /* a leftover of an earlier run in the same directory */

    PS_STEP("root: mkfifo(\"demo.fifo\", 0600) — a file of type p");
    int rc = mkfifo(FIFO_NAME, 0600);
    PS_EVENT("mkfifo", "\"name\":%s,\"result\":%d,\"errno\":%d", ps_q(FIFO_NAME), rc, rc < 0 ? errno : 0);
    if (rc < 0) ps_exit(1);
    report_fifo("fifo-made");

    PS_STEP("root: fork the reader — it knows the FIFO only by its name");
    pid_t r = ps_fork();
    if (r == 0) reader();

    /* The writer must come after the reader is really stuck in open(): wait for the kernel to say
     * so (paced: until the student steps the reader there), then long enough for the sampler. */
    while (!waits_for_partner(r) && ps_proc_state(r) != '?' && ps_proc_state(r) != 'Z') ps_sleep_ms(5);
    PS_EVENT("partner-wait-seen", "\"reader\":%d", (int)r);

    PS_STEP("root: fork the writer — its open() wakes the reader");
    if (!ps_paced()) ps_sleep_ms(800); /* the app's sampler (slow on a busy machine) sees the blocked open */
    pid_t w = ps_fork();
    if (w == 0) writer();

    PS_STEP("root: wait for both children");
    ps_waitpid(r, NULL, 0);
    ps_waitpid(w, NULL, 0);

    PS_STEP("root: open(O_WRONLY|O_NONBLOCK) with no reader — fails at once");
    int bad = open_fifo(O_WRONLY | O_NONBLOCK, "O_WRONLY|O_NONBLOCK");
    if (bad >= 0) close_fd(bad);

    PS_STEP("root: open(O_RDONLY|O_NONBLOCK) — a reader never waits");
    int rfd = open_fifo(O_RDONLY | O_NONBLOCK, "O_RDONLY|O_NONBLOCK");

    PS_STEP("root: read() with no writer at all — 0, like end of file");
    if (rfd >= 0) read_once(rfd);

    PS_STEP("root: open(O_WRONLY|O_NONBLOCK) again — now a reader exists");
    int wfd = open_fifo(O_WRONLY | O_NONBLOCK, "O_WRONLY|O_NONBLOCK");

    PS_STEP("root: read() with a writer but nothing written — EAGAIN, not a wait");
    if (rfd >= 0) read_once(rfd);

    PS_STEP("root: close both ends and unlink(\"demo.fifo\")");
    if (wfd >= 0) close_fd(wfd);
    if (rfd >= 0) close_fd(rfd);
    rc = unlink(FIFO_NAME);
    PS_EVENT("fifo-removed", "\"name\":%s,\"result\":%d", ps_q(FIFO_NAME), rc);
    if (!ps_paced()) ps_sleep_ms(60); /* the app's own stat sees the name gone */

    PS_STEP("root: done");
    ps_exit(0);
}
