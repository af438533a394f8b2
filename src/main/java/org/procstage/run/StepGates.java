package org.procstage.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.procstage.protocol.ProbeEvent;

/**
 * The step points where paced probes are waiting, oldest first. A Step releases the oldest, so
 * the student sees one operation at a time in the order the processes got there.
 */
public final class StepGates {

    /** A process waiting at a named step point of its source. */
    public record Gate(int pid, String name, int line) {
    }

    private final Deque<Gate> waiting = new ArrayDeque<>();
    private final BiPredicate<Integer, Map<String, Object>> sender;

    /** sender delivers a command to a pid and says whether it arrived. */
    public StepGates(BiPredicate<Integer, Map<String, Object>> sender) {
        this.sender = sender;
    }

    public synchronized void onEvent(ProbeEvent e) {
        if (e.is("step") && e.bool("paced")) {
            waiting.addLast(new Gate(e.pid(), e.str("name", ""), e.line()));
        }
    }

    public synchronized void forget(int pid) {
        waiting.removeIf(g -> g.pid() == pid);
    }

    public synchronized List<Gate> waiting() {
        return List.copyOf(waiting);
    }

    public synchronized int count() {
        return waiting.size();
    }

    /** Lets the oldest waiting process go on; empty when nobody waits. */
    public Optional<Gate> releaseOldest() {
        return release(null, "go", Map.of());
    }

    /** Lets pid go on with a command ("go", or a scene's own, e.g. write page 3). */
    public Optional<Gate> release(Integer pid, String command, Map<String, Object> args) {
        Gate gate;
        synchronized (this) {
            gate = null;
            for (Iterator<Gate> it = waiting.iterator(); it.hasNext(); ) {
                Gate g = it.next();
                if (pid == null || g.pid() == pid) {
                    gate = g;
                    it.remove();
                    break;
                }
            }
        }
        if (gate == null) {
            return Optional.empty();
        }
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("cmd", command);
        message.putAll(args);
        sender.test(gate.pid(), message);
        return Optional.of(gate);
    }
}
