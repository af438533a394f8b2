/*
 * pipeline — pipes and filters: a sentence flows through four filter processes and comes out
 * in camelCase, like the shell's  split | capitalise | merge | lower-first.
 *
 *   root ─pipe 0─▶ split ─pipe 1─▶ capitalise ─pipe 2─▶ merge ─pipe 3─▶ lower-first ─pipe 4─▶ root
 *
 * Each filter reads its stdin (fd 0) and writes its stdout (fd 1), which dup2() made its two
 * pipe ends; every process closes every other end, or end of file would never come.
 * Filters are slowed down on purpose in unpaced runs, so their pipes visibly fill and drain.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILTERS 4
#define PIPES (FILTERS + 1)
#define MAX_TEXT 160

static const char *NAMES[FILTERS] = { "split", "capitalise", "merge", "lower-first" };
static const int PAUSE_MS[FILTERS] = { 80, 160, 80, 30 }; /* capitalise is the slow one */
static int pipes[PIPES][2];

/* ---- watching a pipe: the kernel's count of bytes waiting in it, via ioctl(FIONREAD) ---- */

struct watch { int fd, pipe; volatile int stop; pthread_t thread; };

static void *watch_fill(void *arg) {
    struct watch *w = arg;
    int last = -1;
    while (!w->stop) {
        int bytes = 0;
        if (ioctl(w->fd, FIONREAD, &bytes) == 0 && bytes != last) {
            PS_EVENT("pipe-fill", "\"pipe\":%d,\"bytes\":%d,\"fd\":%d,\"by\":\"ioctl FIONREAD\"",
                     w->pipe, bytes, w->fd);
            last = bytes;
        }
        ps_sleep_ms(5);
    }
    return NULL;
}

static void watch_start(struct watch *w, int fd, int pipe) {
    w->fd = fd;
    w->pipe = pipe;
    w->stop = 0;
    pthread_create(&w->thread, NULL, watch_fill, w);
}

static void watch_stop(struct watch *w) {
    w->stop = 1;
    pthread_join(w->thread, NULL); /* before the fd is closed and its number reused */
}

/* ---- reporting system calls ---- */

/* Reported before the call: a reader wakes with end of file at once, and must not report first. */
static void close_end(int fd, int pipe, const char *end) {
    PS_EVENT("close", "\"fd\":%d,\"pipe\":%d,\"end\":%s", fd, pipe, ps_q(end));
    if (close(fd) < 0) PS_EVENT("close-error", "\"fd\":%d,\"errno\":%d", fd, errno);
}

static ssize_t read_from(int fd, int pipe, char *buf, size_t size) {
    ssize_t n = read(fd, buf, size - 1);
    buf[n > 0 ? n : 0] = 0;
    if (n == 0)
        PS_EVENT("eof", "\"fd\":%d,\"pipe\":%d,\"result\":0", fd, pipe);
    else
        PS_EVENT("read", "\"fd\":%d,\"pipe\":%d,\"bytes\":%zd,\"result\":%zd,\"text\":%s",
                 fd, pipe, n > 0 ? n : 0, n, ps_q(n > 0 ? buf : ""));
    return n;
}

static void write_to(int fd, int pipe, const char *text, size_t len) {
    ssize_t n = write(fd, text, len);
    PS_EVENT("write", "\"fd\":%d,\"pipe\":%d,\"bytes\":%zu,\"result\":%zd,\"text\":%s",
             fd, pipe, len, n, ps_q(text));
}

/* ---- the filters: each turns its input into units of output, one character at a time ---- */

struct unit { char text[MAX_TEXT + 2]; size_t len; int first_done; };

/* Feeds one character; returns 1 when a unit of output is complete in u. */
static int feed(int filter, struct unit *u, char c) {
    switch (filter) {
        case 0: /* split: one word per line */
            if (isspace((unsigned char)c)) {
                if (u->len == 0) return 0;
                u->text[u->len++] = '\n';
                return 1;
            }
            break;
        case 1: /* capitalise: upper-case the first letter of every line */
            if (u->len == 0) c = (char)toupper((unsigned char)c);
            if (c == '\n') { u->text[u->len++] = c; return 1; }
            break;
        case 2: /* merge: drop the line breaks, a word at a time */
            if (c == '\n') return u->len > 0;
            break;
        default: /* lower-first: lower-case the very first letter, pass the rest through */
            if (!u->first_done) { c = (char)tolower((unsigned char)c); u->first_done = 1; }
            break;
    }
    u->text[u->len++] = c;
    return u->len >= MAX_TEXT;
}

/* The text as C would spell it, newlines as \n, for a step's name. */
static const char *spelled(const char *text) {
    static char out[MAX_TEXT * 2 + 4];
    size_t o = 0;
    for (; *text && o < sizeof out - 3; text++) {
        if (*text == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
        else out[o++] = *text;
    }
    out[o] = 0;
    return out;
}

static void emit_unit(int i, struct unit *u) {
    u->text[u->len] = 0;
    char step[MAX_TEXT * 2 + 48];
    snprintf(step, sizeof step, "%s: write(1, \"%s\")", NAMES[i], spelled(u->text));
    PS_STEP(step);
    write_to(1, i + 1, u->text, u->len);
    u->len = 0;
    if (!ps_paced()) ps_sleep_ms(PAUSE_MS[i]);
}

static void filter(int i) {
    PS_EVENT("filter", "\"name\":%s,\"index\":%d,\"in\":%d,\"out\":%d", ps_q(NAMES[i]), i, i, i + 1);
    char step[96];
    snprintf(step, sizeof step, "%s: dup2 pipe %d → fd 0, pipe %d → fd 1; close all other ends", NAMES[i], i, i + 1);
    PS_STEP(step);
    dup2(pipes[i][0], 0);
    PS_EVENT("dup2", "\"oldfd\":%d,\"newfd\":0,\"pipe\":%d,\"end\":\"read\"", pipes[i][0], i);
    dup2(pipes[i + 1][1], 1);
    PS_EVENT("dup2", "\"oldfd\":%d,\"newfd\":1,\"pipe\":%d,\"end\":\"write\"", pipes[i + 1][1], i + 1);
    for (int p = 0; p < PIPES; p++) {
        close_end(pipes[p][0], p, "read");
        close_end(pipes[p][1], p, "write");
    }
    struct watch w;
    watch_start(&w, 0, i);
    struct unit u = { .len = 0, .first_done = 0 };
    char buf[128];
    for (;;) {
        ssize_t n = read_from(0, i, buf, sizeof buf); /* an empty pipe: sleeps in pipe_read */
        if (n <= 0) break;
        for (ssize_t k = 0; k < n; k++)
            if (feed(i, &u, buf[k]) && i != 3) emit_unit(i, &u);
        if (i == 3 && u.len > 0) emit_unit(i, &u); /* lower-first passes each chunk straight on */
    }
    if (u.len > 0) { /* the last word only leaves on end of file */
        if (i == 0) u.text[u.len++] = '\n';
        emit_unit(i, &u);
    }
    watch_stop(&w);
    snprintf(step, sizeof step, "%s: end of file — close(1), so %s sees end of file too", NAMES[i],
             i + 1 < FILTERS ? NAMES[i + 1] : "root");
    PS_STEP(step);
    close_end(1, i + 1, "write");
    close_end(0, i, "read");
    ps_exit(0);
}

/* ---- the root: makes the pipes, starts the filters, feeds the sentence, collects the result ---- */

/* The sentence comes from the app: keep printable ASCII only, and not too much of it. */
static void clean_sentence(const char *in, char *out, size_t size) {
    size_t o = 0;
    for (; in && *in && o < size - 1; in++)
        out[o++] = (*in >= 32 && *in < 127) ? *in : ' ';
    out[o] = 0;
    if (strspn(out, " ") == o) snprintf(out, size, "the quick brown fox jumps over the lazy dog");
}

/* 1 when the kernel shows pid asleep reading a pipe. */
static int blocked_reading(pid_t pid) {
    char path[64], buf[128];
    snprintf(path, sizeof path, "/proc/%d/wchan", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    return strstr(buf, "pipe_read") != NULL;
}

int main(int argc, char **argv) {
    char sentence[MAX_TEXT + 1];
    ps_init("pipeline");
    clean_sentence(argc > 1 ? argv[1] : NULL, sentence, sizeof sentence);
    PS_EVENT("sentence", "\"text\":%s", ps_q(sentence));

    PS_STEP("root: pipe() five times — one pipe between each pair of neighbours");
    for (int p = 0; p < PIPES; p++) {
        if (pipe(pipes[p]) < 0) ps_exit(1);
        struct stat st;
        fstat(pipes[p][0], &st);
        PS_EVENT("pipe-made", "\"pipe\":%d,\"readFd\":%d,\"writeFd\":%d,\"inode\":%lu,\"from\":%s,\"to\":%s",
                 p, pipes[p][0], pipes[p][1], (unsigned long)st.st_ino,
                 ps_q(p == 0 ? "root" : NAMES[p - 1]), ps_q(p == FILTERS ? "root" : NAMES[p]));
    }
    PS_EVENT("pipe-info", "\"capacity\":%d,\"pipeBuf\":%d", fcntl(pipes[0][0], F_GETPIPE_SZ), PIPE_BUF);

    PS_STEP("root: fork the four filters — each inherits all ten pipe ends");
    pid_t kids[FILTERS];
    for (int i = 0; i < FILTERS; i++) {
        kids[i] = ps_fork();
        if (kids[i] == 0) filter(i);
    }

    PS_STEP("root: close the ends it does not use — keeps pipe 0's write end, pipe 4's read end");
    for (int p = 0; p < PIPES; p++) {
        if (p != 0) close_end(pipes[p][1], p, "write");
        if (p != FILTERS) close_end(pipes[p][0], p, "read");
    }
    int in = pipes[0][1], out = pipes[FILTERS][0];
    struct watch w; /* from now on: how many bytes wait in pipe 4 for the root */
    watch_start(&w, out, FILTERS);
    if (!ps_paced()) { /* let the sampler see every filter asleep on its empty input */
        for (int tries = 0; tries < 400; tries++) {
            int blocked = 0;
            for (int i = 0; i < FILTERS; i++) blocked += blocked_reading(kids[i]);
            if (blocked == FILTERS) break;
            ps_sleep_ms(5);
        }
        ps_sleep_ms(400);
    }

    PS_STEP("root: write the sentence into pipe 0");
    write_to(in, 0, sentence, strlen(sentence));

    PS_STEP("root: close pipe 0's write end — split will see end of file");
    close_end(in, 0, "write");

    PS_STEP("root: read the result from pipe 4 until end of file");
    char result[MAX_TEXT * 2 + 1] = "", buf[128];
    size_t len = 0;
    ssize_t n;
    while ((n = read_from(out, FILTERS, buf, sizeof buf)) > 0)
        if (len + (size_t)n < sizeof result) { memcpy(result + len, buf, (size_t)n); len += (size_t)n; }
    result[len] = 0;
    watch_stop(&w);
    close_end(out, FILTERS, "read");
    PS_EVENT("output", "\"text\":%s,\"bytes\":%zu", ps_q(result), len);

    PS_STEP("root: wait for the four filters");
    for (int i = 0; i < FILTERS; i++) ps_waitpid(kids[i], NULL, 0);
    ps_exit(0);
}
