/*
 * fork-tree — fork, exec, exit, zombies, orphans and wait, with real processes.
 *
 *   root ─┬─ child A ── grandchild G   (A exits first: G is orphaned and adopted)
 *         └─ child B   (execs /bin/sleep: same pid, new program)
 *
 * Each process changes its own copy of `global` and `local` after fork: fork copies memory.
 */
#include "procstage.h"

#include <stdio.h>
#include <unistd.h>

int global = 42;

static void report_vars(int local) {
    PS_EVENT("vars", "\"global\":%d,\"local\":%d", global, local);
}

/* Waits (bounded) until the kernel shows pid as a zombie, and until the app has seen it too. */
static void until_zombie(pid_t pid) {
    for (int i = 0; i < 300 && ps_proc_state(pid) != 'Z'; i++) ps_sleep_ms(10);
    ps_kernel_sample(pid, 2000);
}

static void grandchild(pid_t first_parent) {
    int local = 10;
    local += 1000;
    global += 1000;
    report_vars(local);
    PS_STEP("grandchild: runs while its parent exits");
    for (int i = 0; i < 6000 && getppid() == first_parent; i++) ps_sleep_ms(10);
    PS_EVENT("getppid", "\"ppid\":%d", (int)getppid());
    ps_kernel_sample(getpid(), 2000); /* the adoption is in the kernel's record before we go on */
    PS_STEP("grandchild: adopted, now exits");
    ps_exit(0);
}

static void child_a(void) {
    int local = 10;
    local += 1;
    global += 1;
    report_vars(local);
    PS_STEP("child A: forks a grandchild");
    pid_t me = getpid();
    pid_t g = ps_fork_orphanable();
    if (g == 0) grandchild(me);
    ps_kernel_sample(g, 2000); /* the kernel's record shows G as A's child before A leaves */
    PS_STEP("child A: exits before its child (code 3)");
    ps_exit(3);
}

static void child_b(void) {
    int local = 10;
    local += 2;
    global += 2;
    report_vars(local);
    PS_STEP("child B: exec /bin/sleep — same pid, new program");
    char *argv[] = { "sleep", "0.5", NULL };
    ps_execv("/bin/sleep", argv);
    ps_exit(127);
}

int main(void) {
    int local = 10;
    ps_init("fork-tree");
    report_vars(local);

    PS_STEP("root: fork child A");
    pid_t a = ps_fork();
    if (a == 0) child_a();

    PS_STEP("root: fork child B");
    pid_t b = ps_fork();
    if (b == 0) child_b();

    local += 100;
    global += 100;
    report_vars(local);

    PS_STEP("root: busy — not waiting yet");
    until_zombie(a);

    PS_STEP("root: wait for child A (reaps the zombie)");
    ps_waitpid(a, NULL, 0);

    PS_STEP("root: wait for child B");
    until_zombie(b);
    ps_waitpid(b, NULL, 0);

    PS_STEP("root: done");
    ps_exit(0);
}
