/*
 * bench-flood — the load behind `procstage bench`; a tool, not a teaching scene.
 *
 *   bench-flood COUNT [INTERVAL_US]
 *
 * Sends COUNT "tick" events with an increasing "seq" through the ordinary runtime, so each costs
 * exactly what a probe's event costs (one send() per line, with "t" read just before it). With
 * INTERVAL_US it sends one every INTERVAL_US microseconds instead of as fast as it can.
 */
#define _GNU_SOURCE
#include "procstage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long parse(const char *s, const char *what) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == 0 || *end != 0 || v < 0) {
        fprintf(stderr, "bench-flood: %s must be a whole number >= 0, got '%s'\n", what, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench-flood COUNT [INTERVAL_US]\n");
        return 2;
    }
    long count = parse(argv[1], "COUNT");
    long interval_us = argc == 3 ? parse(argv[2], "INTERVAL_US") : 0;
    ps_init("bench-flood");

    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (long seq = 0; seq < count; seq++) {
        if (interval_us > 0) {
            /* Absolute deadlines: one late wake-up must not shift every later tick. */
            next.tv_nsec += interval_us * 1000L;
            next.tv_sec += next.tv_nsec / 1000000000L;
            next.tv_nsec %= 1000000000L;
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR) { }
        }
        PS_EVENT("tick", "\"seq\":%ld", seq);
    }
    ps_exit(0);
}
