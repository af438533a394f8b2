package org.procstage.scenes.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.procstage.kernel.KernelObserver;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/**
 * A process killed by a signal cannot report its own end; the kernel can. While it is a zombie,
 * field 52 of /proc/PID/stat ("exit_code") holds the status its parent's waitpid will get. When
 * that status says "terminated by signal N", this emits {@code exit} with {@code signal} (and
 * {@code core}) for that pid, once. Normal exits are left to the probe's own "exit" event.
 */
public final class ExitSignalObserver implements KernelObserver {
    private final Set<Integer> reported = ConcurrentHashMap.newKeySet();

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        if (reported.contains(pid)) {
            return List.of();
        }
        Optional<int[]> zombie = proc.read(pid, "stat").flatMap(ExitSignalObserver::zombieExitCode);
        if (zombie.isEmpty()) {
            return List.of();
        }
        int status = zombie.get()[0];
        int signal = status & 0x7f;
        if (signal == 0 || signal == 0x7f) {
            return List.of();
        }
        reported.add(pid);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("signal", signal);
        fields.put("core", (status & 0x80) != 0);
        fields.put("from", "/proc/" + pid + "/stat exit_code");
        return List.of(ProbeEvent.kernel("exit", Math.max(now, System.nanoTime()), pid, fields));
    }

    /** The exit_code of a zombie's stat line; empty unless the state is Z and the field is there. */
    static Optional<int[]> zombieExitCode(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); field 52 (exit_code) is f[49]
        if (f.length < 50 || !f[0].equals("Z")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(f[49].trim())});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
