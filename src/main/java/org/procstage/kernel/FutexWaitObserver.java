package org.procstage.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.procstage.protocol.ProbeEvent;

/**
 * Which futex a process sleeps on, read from /proc/PID/syscall: the kernel's evidence that a
 * waiter on a lock, semaphore or condition variable is asleep (not spinning), and on which
 * object — the address it reports lies inside that object's shared memory.
 *
 * Emits kernel event {@code futex} with {@code addr} (hex, as the kernel prints it) and
 * {@code op} when the address changes, and {@code addr ""} once the process no longer waits
 * in futex(2). Reading another process's syscall file needs ptrace rights over it (same user
 * without Yama, or root); when it can't be read nothing is emitted.
 */
public final class FutexWaitObserver implements KernelObserver {
    /** futex(2)'s syscall number: 202 on x86_64, 98 on arm64 and riscv64. */
    static final int FUTEX = switch (System.getProperty("os.arch", "")) {
        case "aarch64", "arm64", "riscv64" -> 98;
        default -> 202;
    };

    private final Map<Integer, String> lastAddr = new ConcurrentHashMap<>();

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        var text = proc.read(pid, "syscall");
        if (text.isEmpty()) {
            return List.of();
        }
        String[] f = text.get().strip().split("\\s+");
        boolean inFutex = f.length >= 3 && f[0].equals(Integer.toString(FUTEX));
        String addr = inFutex ? f[1] : "";
        if (addr.equals(lastAddr.getOrDefault(pid, ""))) {
            return List.of();
        }
        lastAddr.put(pid, addr);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("addr", addr);
        fields.put("op", inFutex ? f[2] : "");
        return List.of(ProbeEvent.kernel("futex", now, pid, fields));
    }

    @Override
    public void forget(int pid) {
        lastAddr.remove(pid);
    }

    /** The address as a number, or -1 for "" or garbage (hex with or without 0x). */
    public static long parseAddress(String hex) {
        if (hex == null) {
            return -1;
        }
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            return h.isEmpty() ? -1 : Long.parseUnsignedLong(h, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
