package org.procstage.kernel;

/** The fields of /proc/PID/stat a scene uses. Times are in clock ticks (USER_HZ, normally 100). */
public record ProcStat(int pid, String comm, char state, int ppid, int pgrp, long minorFaults,
                       long majorFaults, long userTicks, long systemTicks, int threads) {

    public long cpuTicks() {
        return userTicks + systemTicks;
    }

    /** Parses one stat line; the comm may itself contain spaces and parentheses. */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        int pid = Integer.parseInt(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state) of proc(5)
        return new ProcStat(pid, comm, f[0].charAt(0), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Long.parseLong(f[7]), Long.parseLong(f[9]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Integer.parseInt(f[17]));
    }
}
