/*
 * procstage.h — the probe runtime. Every ProcStage probe includes this header.
 *
 * A probe is an ordinary C program that tells the app what it does, one NDJSON line per event,
 * over its own connection to the app's local socket. See docs/protocol.md.
 *
 *   ps_init("my-scene");                 connect (address and token come from the environment)
 *   PS_STEP("fork the children");        a step point: a paced run waits here for the app's "go"
 *   pid_t c = ps_fork();                 fork; the child opens its own connection
 *   PS_EVENT("vars", "\"global\":%d", global);   any event, fields as a JSON fragment
 *   ps_exit(3);                          report, then exit
 *
 * Run outside the app (no PROCSTAGE_SOCK) a probe still runs: events go nowhere, steps never wait.
 */
#ifndef PROCSTAGE_H
#define PROCSTAGE_H

#include <sys/types.h>

#define PS_CMD_MAX 512

/* A command the app sent, e.g. {"cmd":"go"} or {"cmd":"write","page":3}. */
typedef struct ps_cmd {
    char name[32];          /* value of "cmd"; "go" when the run is unpaced */
    char raw[PS_CMD_MAX];   /* the whole line, for ps_cmd_int / ps_cmd_str */
} ps_cmd;

/* Connects this process and sends "hello". Call once, first thing in main. */
void ps_init(const char *scenario);

/* Sends one event: type, plus extra JSON fields ("\"child\":%d") — may be NULL. */
void ps_event_at(int line, const char *type, const char *fields_fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define PS_EVENT(type, ...) ps_event_at(__LINE__, (type), __VA_ARGS__)

/* A step point. Paced: blocks until the app sends a command and returns it. Unpaced: returns a
 * command the app already sent if there is one, else "go". */
ps_cmd ps_step_at(int line, const char *name);
#define PS_STEP(name) ps_step_at(__LINE__, (name))

/* Non-blocking: 1 and fills *out if the app has sent a command, else 0. */
int ps_poll_command(ps_cmd *out);

/* Integer / string field of a command; dflt when absent. */
long ps_cmd_int(const ps_cmd *cmd, const char *key, long dflt);
int  ps_cmd_str(const ps_cmd *cmd, const char *key, char *out, int out_size);
int  ps_cmd_is(const ps_cmd *cmd, const char *name);

/* fork() that counts against the scenario's process limit, reports "fork" (from the parent) and
 * gives the child its own connection. The child dies with its parent (PR_SET_PDEATHSIG). */
pid_t ps_fork_at(int line);
#define ps_fork() ps_fork_at(__LINE__)
/* The same, but the child outlives its parent: for orphan demonstrations. */
pid_t ps_fork_orphanable_at(int line);
#define ps_fork_orphanable() ps_fork_orphanable_at(__LINE__)

/* waitpid() that reports "reap" with the status the parent got. */
pid_t ps_waitpid_at(int line, pid_t pid, int *status, int options);
#define ps_waitpid(pid, status, options) ps_waitpid_at(__LINE__, (pid), (status), (options))

/* Reports "exec" and calls execv(path, argv); on failure reports "exec-error" and returns -1. */
int ps_execv_at(int line, const char *path, char *const argv[]);
#define ps_execv(path, argv) ps_execv_at(__LINE__, (path), (argv))

/* Reports "exit" with the code, then exits. */
void ps_exit_at(int line, int code) __attribute__((noreturn));
#define ps_exit(code) ps_exit_at(__LINE__, (code))

/* Asks the app to read /proc for pid now (state, parent, the scene's observers) and waits until
 * it has, at most timeout_ms. Use it when a state must be in the trace before the probe moves
 * on (a zombie before its reap, an orphan's first parent before adoption): sleeping and hoping the
 * sampler looks in time fails on a busy machine. Returns 1 when the app confirmed. */
int ps_kernel_sample(pid_t pid, int timeout_ms);

/* 1 when the app paces this run (steps wait for the student). */
int ps_paced(void);

/* Sleeps ms milliseconds; used where a state must last long enough for the kernel sampler. */
void ps_sleep_ms(int ms);

/* Single-letter state of pid from /proc/PID/stat, or '?' when it has gone. */
char ps_proc_state(pid_t pid);

/* Quotes and escapes s as a JSON string into a rotating static buffer (8 slots). */
const char *ps_q(const char *s);

/* CLOCK_MONOTONIC in ns — the same clock as Java's System.nanoTime() on Linux. */
long long ps_now_ns(void);

/* The connection's fd (for probes that must close it before handing off), -1 if none. */
int ps_connection_fd(void);

#endif
