package org.procstage.scenes.signals;

import java.util.List;
import java.util.Map;

/** Linux x86-64 signal numbers, names and default actions (signal(7)). */
public final class SignalNames {
    /** The signals the process control block shows as columns, in number order. */
    public static final List<Integer> SHOWN = List.of(1, 2, 3, 9, 10, 12, 15, 17, 18, 19);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "HUP"), Map.entry(2, "INT"), Map.entry(3, "QUIT"), Map.entry(4, "ILL"),
            Map.entry(5, "TRAP"), Map.entry(6, "ABRT"), Map.entry(7, "BUS"), Map.entry(8, "FPE"),
            Map.entry(9, "KILL"), Map.entry(10, "USR1"), Map.entry(11, "SEGV"), Map.entry(12, "USR2"),
            Map.entry(13, "PIPE"), Map.entry(14, "ALRM"), Map.entry(15, "TERM"), Map.entry(16, "STKFLT"),
            Map.entry(17, "CHLD"), Map.entry(18, "CONT"), Map.entry(19, "STOP"), Map.entry(20, "TSTP"),
            Map.entry(21, "TTIN"), Map.entry(22, "TTOU"), Map.entry(23, "URG"), Map.entry(24, "XCPU"),
            Map.entry(25, "XFSZ"), Map.entry(26, "VTALRM"), Map.entry(27, "PROF"), Map.entry(28, "WINCH"),
            Map.entry(29, "IO"), Map.entry(30, "PWR"), Map.entry(31, "SYS"));

    private SignalNames() {
    }

    /** "USR1" for 10; "RT3" for real-time signals; "?" out of range. */
    public static String name(int signo) {
        String n = NAMES.get(signo);
        if (n != null) {
            return n;
        }
        return signo >= 32 && signo <= 64 ? "RT" + (signo - 32) : "?";
    }

    /** "SIGUSR1" for 10. */
    public static String sig(int signo) {
        return "SIG" + name(signo);
    }

    /** Default action: "terminate", "core", "stop", "ignore" or "continue". */
    public static String defaultAction(int signo) {
        return switch (signo) {
            case 3, 4, 5, 6, 7, 8, 11, 24, 25, 31 -> "core";
            case 17, 23, 28 -> "ignore";
            case 18 -> "continue";
            case 19, 20, 21, 22 -> "stop";
            default -> "terminate";
        };
    }

    /** The default action as signal(7) abbreviates it: Term, Core, Stop, Ign, Cont. */
    public static String defaultShort(int signo) {
        return switch (defaultAction(signo)) {
            case "core" -> "Core";
            case "ignore" -> "Ign";
            case "continue" -> "Cont";
            case "stop" -> "Stop";
            default -> "Term";
        };
    }

    /** What a SIGCHLD's si_code says happened to the child. */
    public static String childEvent(int code) {
        return switch (code) {
            case 1 -> "exited";
            case 2 -> "was killed";
            case 3 -> "dumped core";
            case 4 -> "trapped";
            case 5 -> "stopped";
            case 6 -> "continued";
            default -> "changed";
        };
    }
}
