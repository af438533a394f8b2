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
    /** Commands already sent to a pid that is not waiting: its next step point takes one and goes on. */
    private final Map<Integer, Integer> credits = new java.util.HashMap<>();
    private final BiPredicate<Integer, Map<String, Object>> sender;

    /** sender delivers a command to a pid and says whether it arrived. */
    public StepGates(BiPredicate<Integer, Map<String, Object>> sender) {
        this.sender = sender;
    }

    public synchronized void onEvent(ProbeEvent e) {
        if (e.is("step") && e.bool("paced")) {
            int credit = credits.getOrDefault(e.pid(), 0);
            if (credit > 0) {
                credits.put(e.pid(), credit - 1);
            } else {
                waiting.addLast(new Gate(e.pid(), e.str("name", ""), e.line()));
            }
        }
    }

    public synchronized void forget(int pid) {
        waiting.removeIf(g -> g.pid() == pid);
        credits.remove(pid);
    }

    /** A command went to pid while it was not waiting; see {@link #credits}. */
    public synchronized void credit(int pid) {
        credits.merge(pid, 1, Integer::sum);
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
