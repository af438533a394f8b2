package org.procstage.scenes.pipe;

import java.util.ArrayList;
import java.util.List;

/** The reducer's mutable notes on one process; frozen into a {@link PipeScene.Proc} on publish. */
final class ProcRecord {
    final int pid;
    String role = "";
    String name = "";
    int phase;
    long inode = -1;
    char state = '?';
    String wchan = "";
    String lastOp = "";
    long written;
    long read;
    String outcome = "";
    boolean gone;
    boolean fdsSeen;
    List<PipeScene.Fd> fds = List.of();
    long fdsT = -1;
    /** The ends of the current pipe this process should hold by its own reports (pipe, fork, close). */
    final java.util.Set<String> expected = new java.util.TreeSet<>();
    long expectedT = -1;

    ProcRecord(int pid) {
        this.pid = pid;
    }

    PipeScene.Proc freeze(long inode) {
        return new PipeScene.Proc(pid, role, name, state, wchan, lastOp, written, read, outcome, gone, fds, fdsSeen,
                confirmed(inode));
    }

    void holds(long t, String... ends) {
        expected.clear();
        expected.addAll(List.of(ends));
        expectedT = t;
    }

    void closed(long t, String end) {
        expected.remove(end);
        expectedT = t;
    }

    /** The ends of pipe inode in the kernel's latest reading of this process's table. */
    java.util.Set<String> kernelEnds(long inode) {
        java.util.Set<String> ends = new java.util.TreeSet<>();
        fds.stream().filter(f -> f.pipeInode() == inode).forEach(f -> ends.add(f.end()));
        return ends;
    }

    /**
     * Does the kernel's reading hold now? Yes if it was taken after the process last changed its
     * table, or if it shows what the process has reported since (readings come only on change, so
     * a table changed and changed back between two samples leaves an older reading that still holds).
     */
    boolean confirmed(long inode) {
        return fdsSeen && (fdsT >= expectedT || kernelEnds(inode).equals(expected));
    }

    String label() {
        return (name.isEmpty() ? (role.isEmpty() ? "process" : role) : name) + " (pid " + pid + ")";
    }

    /** The pipe ends of an {@code fds} kernel event: "4:r:pipe:[777] 5:w:pipe:[777]"; bad entries skipped. */
    static List<PipeScene.Fd> parseEnds(String ends) {
        List<PipeScene.Fd> out = new ArrayList<>();
        for (String entry : (ends == null ? "" : ends).trim().split("\\s+")) {
            String[] parts = entry.split(":", 3);
            if (parts.length == 3 && (parts[1].equals("r") || parts[1].equals("w"))) {
                try {
                    out.add(new PipeScene.Fd(Integer.parseInt(parts[0]), parts[2], parts[1].equals("w") ? "write" : "read"));
                } catch (NumberFormatException e) {
                    // not an entry: skip it (a trace is input)
                }
            }
        }
        return out;
    }
}
