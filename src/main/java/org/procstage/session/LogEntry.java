package org.procstage.session;

import java.util.Set;
import java.util.stream.Collectors;
import org.procstage.protocol.ProbeEvent;

/** One line of the event log: when (ms since the run began), who, from where, what. */
public record LogEntry(double millis, int pid, String origin, String type, String text) {
    private static final Set<String> NOISE = Set.of("line", "ppid", "paced", "scenario");

    public static LogEntry of(ProbeEvent e, long start) {
        String details = e.fields().entrySet().stream()
                .filter(f -> !NOISE.contains(f.getKey()))
                .map(f -> f.getKey() + "=" + f.getValue())
                .collect(Collectors.joining("  "));
        return new LogEntry((e.t() - start) / 1e6, e.pid(), e.fromKernel() ? "kernel" : "probe", e.type(), details);
    }

    public static LogEntry problem(String message) {
        return new LogEntry(0, 0, "error", "rejected", message);
    }

    /** Plain-text form, e.g. for the log list and for tests. */
    public String format() {
        String who = pid > 0 ? String.format("%6d", pid) : "      ";
        return String.format("%9.1f ms  %s  %-6s  %-12s %s", millis, who, origin, type, text);
    }
}
