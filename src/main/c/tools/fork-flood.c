/* fork-flood — tries to fork far more processes than a run may have; the runtime must refuse
 * past PROCSTAGE_MAX_PROCS. Used by the process-limit test, not a scene. */
#include "procstage.h"

#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int tries = argc > 1 ? atoi(argv[1]) : 50;
    ps_init("fork-flood");
    int made = 0;
    for (int i = 0; i < tries; i++) {
        pid_t child = ps_fork();
        if (child == 0) {
            ps_sleep_ms(300);
            ps_exit(0);
        }
        if (child > 0) made++;
    }
    PS_EVENT("made", "\"children\":%d", made);
    while (ps_waitpid(-1, NULL, 0) > 0) { }
    ps_exit(0);
}
