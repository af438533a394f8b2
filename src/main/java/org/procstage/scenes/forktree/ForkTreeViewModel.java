package org.procstage.scenes.forktree;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.procstage.protocol.ProbeEvent;
import org.procstage.session.SceneModel;

/**
 * The process tree as a reducer: fork adds a child, exec renames, exit marks, the kernel's
 * state letters and parent changes decide how a node looks and where it hangs, reap removes it.
 * A zombie is shown only when the kernel says Z — never inferred from "exit".
 */
public final class ForkTreeViewModel implements SceneModel {
    private static final Set<Integer> CRASH_SIGNALS = Set.of(4, 6, 7, 8, 11);

    private final Map<Integer, ProcessNode> nodes = new LinkedHashMap<>();
    private final Set<Integer> gone = new HashSet<>();
    private final Set<Integer> zombiesSeen = new HashSet<>();
    private final List<ReapedProcess> reapedLog = new java.util.ArrayList<>();
    private final ObservableList<ReapedProcess> reaped = FXCollections.observableArrayList();
    private final ObservableList<ReapedProcess> readOnlyReaped = FXCollections.unmodifiableObservableList(reaped);
    private String lastAction = "";
    private final ObservableList<ProcessNode> published = FXCollections.observableArrayList();
    private final ObservableList<String> crashes = FXCollections.observableArrayList();
    private final List<String> crashLog = new java.util.ArrayList<>();
    private final StringProperty action = new SimpleStringProperty("");
    // Held once: a listener on a throwaway unmodifiable wrapper is lost when the wrapper is collected.
    private final ObservableList<ProcessNode> readOnlyProcesses = FXCollections.unmodifiableObservableList(published);
    private final ObservableList<String> readOnlyCrashes = FXCollections.unmodifiableObservableList(crashes);

    @Override
    public void reset() {
        nodes.clear();
        gone.clear();
        zombiesSeen.clear();
        reapedLog.clear();
        crashLog.clear();
        lastAction = "";
    }

    @Override
    public void apply(ProbeEvent e) {
        switch (e.type()) {
            case "hello" -> {
                boolean stage = "procstage-stage".equals(e.str("comm", ""));
                ProcessNode n = nodes.get(e.pid());
                if (n == null && !gone.contains(e.pid())) {
                    nodes.put(e.pid(), ProcessNode.fresh(e.pid(), e.ppid(), e.str("comm", "?"), stage));
                }
            }
            case "launch", "fork" -> {
                int child = e.intField("child", 0);
                ProcessNode parent = nodes.get(e.pid());
                ProcessNode existing = nodes.get(child);
                if (existing == null && !gone.contains(child)) {
                    ProcessNode fresh = ProcessNode.fresh(child, e.pid(), parent == null ? "?" : parent.program(), false);
                    if (parent != null && e.is("fork")) {
                        fresh = fresh.withVars(parent.global(), parent.local());
                    }
                    nodes.put(child, fresh);
                }
                lastAction = e.is("fork") ? "pid " + e.pid() + " forked pid " + child + " — a copy of itself"
                        : "the stage started the probe, pid " + child;
            }
            case "vars" -> update(e.pid(), n -> n.withVars(e.intField("global", 0), e.intField("local", 0)));
            case "exec" -> {
                String path = e.str("path", "?");
                update(e.pid(), n -> n.withProgram(path.substring(path.lastIndexOf('/') + 1)).withVars(null, null));
                lastAction = "pid " + e.pid() + " called exec(" + path + "): same pid, new program, old memory gone";
            }
            case "exit" -> {
                update(e.pid(), n -> n.withExit(e.has("code") ? e.intField("code", 0) : null,
                        e.has("signal") ? e.intField("signal", 0) : null));
                lastAction = "pid " + e.pid() + " exited with code " + e.str("code", "?");
            }
            case "state" -> {
                if (!gone.contains(e.pid())) {
                    ProcessNode n = nodes.get(e.pid());
                    if (n == null) {
                        n = ProcessNode.fresh(e.pid(), e.intField("ppid", 0), e.str("comm", "?"), false);
                    }
                    String st = e.str("state", "?");
                    nodes.put(e.pid(), n.withKernel(st.isEmpty() ? '?' : st.charAt(0), e.str("wchan", ""),
                            e.str("comm", "")));
                    if (st.startsWith("Z")) {
                        zombiesSeen.add(e.pid());
                        lastAction = "the kernel shows pid " + e.pid() + " as a zombie (Z): exited, not yet waited for";
                    }
                }
            }
            case "reparent" -> {
                int to = e.intField("to", 0);
                update(e.pid(), n -> n.adoptedBy(to, e.intField("from", 0)));
                lastAction = "orphan pid " + e.pid() + " was re-parented by the kernel to pid " + to
                        + " (" + e.str("toComm", "?") + ")";
            }
            case "reap" -> {
                int child = e.intField("child", 0);
                ProcessNode leaving = nodes.remove(child);
                gone.add(child);
                String how = e.has("signal") ? "killed by signal " + e.str("signal", "?") : "exit code " + e.str("code", "?");
                ProcessNode reaper = nodes.get(e.pid());
                reapedLog.add(new ReapedProcess(child, leaving == null ? "?" : leaving.program(), how, e.pid(),
                        reaper != null && reaper.stage(), zombiesSeen.contains(child),
                        leaving == null ? 0 : leaving.adoptedFrom(), leaving == null ? null : leaving.global(),
                        leaving == null ? null : leaving.local()));
                lastAction = "pid " + e.pid() + " waited and reaped pid " + child + ": " + how;
                if (e.has("signal") && CRASH_SIGNALS.contains(e.intField("signal", 0))) {
                    crashLog.add("pid " + child + " crashed (signal " + e.str("signal", "?") + ")");
                }
            }
            default -> { }
        }
    }

    private void update(int pid, java.util.function.UnaryOperator<ProcessNode> change) {
        ProcessNode n = nodes.get(pid);
        if (n != null) {
            nodes.put(pid, change.apply(n));
        }
    }

    @Override
    public void publish() {
        List<ProcessNode> now = List.copyOf(nodes.values());
        if (!now.equals(published)) {
            published.setAll(now);
        }
        if (!reapedLog.equals(reaped)) {
            reaped.setAll(reapedLog);
        }
        if (!crashLog.equals(crashes)) {
            crashes.setAll(crashLog);
        }
        action.set(lastAction);
    }

    /** Processes alive or not yet reaped, in the order they appeared. */
    public ObservableList<ProcessNode> processes() {
        return readOnlyProcesses;
    }

    /** Processes that exited and were reaped, in the order of their reaping. */
    public ObservableList<ReapedProcess> reaped() {
        return readOnlyReaped;
    }

    public ObservableList<String> crashes() {
        return readOnlyCrashes;
    }

    /** What just happened, in one sentence for the caption. */
    public ReadOnlyStringProperty actionProperty() {
        return action;
    }
}
