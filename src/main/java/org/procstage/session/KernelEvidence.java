package org.procstage.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.procstage.protocol.ProbeEvent;

/** The latest kernel readings per pid, merged from every kernel event applied so far. */
public final class KernelEvidence {
    private final Map<Integer, Map<String, Object>> byPid = new HashMap<>();
    private final Map<Integer, Long> sampledAt = new HashMap<>();

    public void reset() {
        byPid.clear();
        sampledAt.clear();
    }

    public void apply(ProbeEvent e) {
        if (!e.fromKernel()) {
            return;
        }
        Map<String, Object> fields = byPid.computeIfAbsent(e.pid(), p -> new LinkedHashMap<>());
        String prefix = e.is("state") ? "" : e.type() + ".";
        e.fields().forEach((k, v) -> fields.put(prefix + k, v));
        sampledAt.put(e.pid(), e.t());
    }

    public Map<String, Object> of(int pid) {
        return Map.copyOf(byPid.getOrDefault(pid, Map.of()));
    }

    public long sampledAt(int pid) {
        return sampledAt.getOrDefault(pid, 0L);
    }
}
