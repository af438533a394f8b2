/* crash — a probe whose child really segfaults, and which then crashes itself; used by the test
 * that a crash shows as a crashed process and the run still ends cleanly. */
#include "procstage.h"

#include <signal.h>
#include <stddef.h>

int main(void) {
    ps_init("crash");
    pid_t child = ps_fork();
    if (child == 0) {
        PS_STEP("child: dereference NULL");
        volatile int *nowhere = NULL;
        *nowhere = 42;
        ps_exit(0);
    }
    ps_waitpid(child, NULL, 0);
    PS_STEP("root: abort()");
    raise(SIGABRT);
    return 0;
}
