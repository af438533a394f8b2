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
    int otherFds;
    long fdsT = -1;
    /** The ends of the current pipe this process should hold by its own reports (pipe, fork, close). */
    final java.util.Set<String> expected = new java.util.TreeSet<>();
    long expectedT = -1;

    ProcRecord(int pid) {
        this.pid = pid;
    }

    PipeScene.Proc freeze(long inode) {
        return new PipeScene.Proc(pid, role, name, state, wchan, lastOp, written, read, outcome, gone, fds, otherFds,
                fdsSeen, confirmed(inode));
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

    private static final java.util.regex.Pattern END = java.util.regex.Pattern.compile("fd (\\d+) · (\\S+)");

    /** The pipe ends of an {@code fds} kernel event ("fd 4 · pipe:[77205]", comma-separated). */
    static List<PipeScene.Fd> parseEnds(String read, String write) {
        List<PipeScene.Fd> out = new ArrayList<>();
        addEnds(out, read, "read");
        addEnds(out, write, "write");
        out.sort(java.util.Comparator.comparingInt(PipeScene.Fd::fd));
        return out;
    }

    private static void addEnds(List<PipeScene.Fd> out, String list, String end) {
        java.util.regex.Matcher m = END.matcher(list == null ? "" : list);
        while (m.find()) {
            out.add(new PipeScene.Fd(Integer.parseInt(m.group(1)), m.group(2), end));
        }
    }
}
