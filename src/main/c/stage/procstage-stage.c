/*
 * procstage-stage — the parent of every probe run, and its guarantee of no stray processes.
 *
 * The app starts one stage per run: `procstage-stage PROBE [ARGS...]`. The stage
 *  - is a child subreaper, so an orphaned probe is re-parented to it (the process tree shows
 *    the adoption) and it reaps whatever is orphaned, reporting each "reap";
 *  - runs the probe in a process group of its own and, when the app goes away (stdin reaches
 *    EOF, or PR_SET_PDEATHSIG delivers SIGTERM) or says "stop", SIGKILLs that whole group;
 *  - sends signals for the app: a stdin line "kill PID SIGNO" calls kill(2) and reports it;
 *  - reports "run-end" and exits once the probe and everything it left behind is gone.
 */
#define _GNU_SOURCE
#include "../runtime/procstage.h"

/* The code panel shows the probe's source: line numbers of the stage's own code would point at
 * unrelated lines there, so the stage's events carry none. */
#undef PS_EVENT
#define PS_EVENT(type, ...) ps_event_at(0, (type), __VA_ARGS__)

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t probe_pid = -1;
static int probe_running;

static void report_reaped(pid_t pid, int st) {
    const char *role = pid == probe_pid ? "probe" : "adopted";
    if (WIFEXITED(st))
        PS_EVENT("reap", "\"child\":%d,\"code\":%d,\"role\":\"%s\"", (int)pid, WEXITSTATUS(st), role);
    else if (WIFSIGNALED(st))
        PS_EVENT("reap", "\"child\":%d,\"signal\":%d,\"core\":%s,\"role\":\"%s\"", (int)pid,
                 WTERMSIG(st), WCOREDUMP(st) ? "true" : "false", role);
    if (pid == probe_pid) probe_running = 0;
}

/* 1 while any child (the probe or an adopted orphan) remains. */
static int reap_ready(void) {
    for (;;) {
        int st;
        pid_t pid = waitpid(-1, &st, WNOHANG);
        if (pid > 0) { report_reaped(pid, st); continue; }
        if (pid == 0) return 1;
        if (errno == EINTR) continue;
        return 0; /* ECHILD */
    }
}

static void kill_everything(void) {
    if (probe_pid > 0) kill(-probe_pid, SIGKILL);
    for (;;) {
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid > 0) { kill(-probe_pid, SIGKILL); report_reaped(pid, st); continue; }
        if (pid < 0 && errno == EINTR) continue;
        break;
    }
}

static void handle_line(char *line) {
    int target, signo;
    if (sscanf(line, "kill %d %d", &target, &signo) == 2) {
        int rc = kill(target, signo);
        PS_EVENT("kill", "\"target\":%d,\"signo\":%d,\"result\":%d", target, signo, rc == 0 ? 0 : errno);
    } else if (strncmp(line, "stop", 4) == 0) {
        kill_everything();
        PS_EVENT("run-end", "\"reason\":\"stopped\"");
        exit(0);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: procstage-stage PROBE [ARGS...]\n");
        return 2;
    }
    const char *app = getenv("PROCSTAGE_APP_PID");
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (app && getppid() != atoi(app)) return 0; /* the app died before prctl took effect */
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    char self[32];
    snprintf(self, sizeof self, "%d", (int)getpid());
    setenv("PROCSTAGE_STAGE_PID", self, 1);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sfd = signalfd(-1, &set, SFD_CLOEXEC);

    ps_init("stage");

    sigset_t none;
    sigemptyset(&none);
    probe_pid = fork();
    if (probe_pid < 0) { perror("procstage-stage: fork"); return 1; }
    if (probe_pid == 0) {
        setpgid(0, 0);
        sigprocmask(SIG_SETMASK, &none, NULL);
        /* Ignored signals survive exec: whatever launched the app (a shell, the JVM) may ignore
         * SIGPIPE and others. Probes teach default actions, so they start from the defaults. */
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        }
        /* glibc refuses 32 and 33 (its own), yet a JVM leaves 32 ignored and /proc would show it:
         * an all-zero kernel sigaction is SIG_DFL, no flags, empty mask on every architecture. */
        for (int sig = 32; sig <= 33; sig++) {
            unsigned long zero[4] = { 0, 0, 0, 0 };
            syscall(SYS_rt_sigaction, sig, zero, NULL, 8);
        }
        /* The stage's stdin is the app's command pipe: a probe must neither read it nor hold it
         * open, so it gets /dev/null instead. */
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (devnull >= 0) {
            dup2(devnull, 0);
            close(devnull);
        }
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != atoi(self)) _exit(0);
        execv(argv[1], argv + 1);
        fprintf(stderr, "procstage-stage: cannot run %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    setpgid(probe_pid, probe_pid); /* both sides, so no kill can miss the group */
    probe_running = 1;
    PS_EVENT("launch", "\"child\":%d,\"path\":%s", (int)probe_pid, ps_q(argv[1]));

    char buf[1024];
    size_t len = 0;
    int stdin_open = 1;
    for (;;) {
        struct pollfd fds[2] = { { sfd, POLLIN, 0 }, { 0, POLLIN, 0 } };
        int n = poll(fds, stdin_open ? 2 : 1, -1);
        if (n < 0 && errno != EINTR) break;
        if (fds[0].revents & POLLIN) {
            struct signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) == sizeof si && si.ssi_signo != SIGCHLD) {
                kill_everything();
                return 0;
            }
            if (!reap_ready() && !probe_running) {
                PS_EVENT("run-end", "\"reason\":\"finished\"");
                return 0;
            }
        }
        if (stdin_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t r = read(0, buf + len, sizeof buf - 1 - len);
            if (r <= 0) { /* the app has gone */
                kill_everything();
                return 0;
            }
            len += (size_t)r;
            buf[len] = 0;
            char *nl;
            while ((nl = strchr(buf, '\n'))) {
                *nl = 0;
                handle_line(buf);
                len -= (size_t)(nl + 1 - buf);
                memmove(buf, nl + 1, len + 1);
            }
            if (len == sizeof buf - 1) len = 0;
        }
    }
    kill_everything();
    return 0;
}
