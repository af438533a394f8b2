package org.procstage.scenes.signals;

import java.util.List;
import java.util.Map;

/** Everything the signal scene shows at one moment, as immutable values the view draws. */
public record SignalBoard(Proc receiver, Proc parent, List<Proc> others, Delivery delivery,
                          Map<Integer, Integer> handlerRuns, List<String> refusals, List<String> timeline,
                          String caption) {

    public static final SignalBoard EMPTY = new SignalBoard(null, null, List.of(), null, Map.of(), List.of(),
            List.of(), "");

    /** A process of the scene: its role, the kernel's state letter and signal bitmaps, how it ended. */
    public record Proc(int pid, String role, char state, Bits bits, String fate, boolean gone, String note) {
    }

    /** The five bitmaps of /proc/PID/status, exactly as printed (hex, bit signo-1). */
    public record Bits(String pending, String shdPending, String blocked, String ignored, String caught) {
        public static final Bits NONE = new Bits("", "", "", "", "");

        public boolean has(String which, int signo) {
            String hex = switch (which) {
                case "pending" -> pending;
                case "shdPending" -> shdPending;
                case "blocked" -> blocked;
                case "ignored" -> ignored;
                case "caught" -> caught;
                default -> "";
            };
            return bit(hex, signo);
        }

        public boolean pendingAnyhow(int signo) {
            return bit(pending, signo) || bit(shdPending, signo);
        }

        static boolean bit(String hex, int signo) {
            return signo >= 1 && signo <= 64 && (value(hex) >>> (signo - 1) & 1) == 1;
        }

        /** The bitmap as a number; 0 when empty or not hex. */
        static long value(String hex) {
            if (hex == null || hex.isBlank()) {
                return 0;
            }
            try {
                return Long.parseUnsignedLong(hex.strip(), 16);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Where the latest signal to the receiver is on its way (the slides' path). */
    public record Delivery(int signo, Stage stage, String detail) {
    }

    public enum Stage {
        /** kill() returned: the kernel has marked it pending. */
        SENT,
        /** The kernel shows the bit pending. */
        PENDING,
        /** Pending, and held back: blocked, or the receiver is stopped. */
        HELD,
        /** The handler runs on a frame the kernel pushed. */
        HANDLER,
        /** The handler returned through sigreturn; the interrupted code runs again. */
        RESUMED,
        /** Ignored: discarded when sent. */
        DISCARDED,
        /** Default action stop: state T. */
        STOPPED,
        /** SIGCONT: running again. */
        CONTINUED,
        /** Default action terminate (or core). */
        TERMINATED
    }
}
