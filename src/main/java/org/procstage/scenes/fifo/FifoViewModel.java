package org.procstage.scenes.fifo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.fdtable.FdEnd;
import org.procstage.scenes.fifo.FifoPicture.FifoFile;
import org.procstage.scenes.fifo.FifoPicture.OpenCall;
import org.procstage.scenes.fifo.FifoPicture.Proc;
import org.procstage.session.SceneModel;

/**
 * The named-pipe scene as a reducer: the FIFO file (made, stat'ed by probe and app, unlinked),
 * the processes that open it by name, every open() call with its result, and the one message
 * that crosses it. A blocked open is shown only when the kernel says wait_for_partner.
 */
public final class FifoViewModel implements SceneModel {

    /** Mutable working state of one process; turned into a {@link Proc} on publish. */
    private static final class Working {
        final int pid;
        String role = "";
        char state = '?';
        String wchan = "";
        String activity = "";
        List<FdEnd> kernelFds = List.of();
        final Map<Integer, String> probeFds = new LinkedHashMap<>();
        boolean inOpen;
        boolean exited;
        Integer exitCode;
        boolean reaped;

        Working(int pid) {
            this.pid = pid;
        }
    }

    private FifoFile file = FifoFile.NONE;
    private final Map<Integer, Working> procs = new LinkedHashMap<>();
    private final List<OpenCall> opens = new ArrayList<>();
    private String written = "";
    private String readText = "";
    private boolean endOfFile;
    private int stagePid;
    private String lastAction = "";

    private final SimpleObjectProperty<FifoPicture> picture = new SimpleObjectProperty<>(FifoPicture.EMPTY);
    private final SimpleStringProperty action = new SimpleStringProperty("");

    @Override
    public void reset() {
        file = FifoFile.NONE;
        procs.clear();
        opens.clear();
        written = "";
        readText = "";
        endOfFile = false;
        stagePid = 0;
        lastAction = "";
    }

    @Override
    public void apply(ProbeEvent e) {
        switch (e.type()) {
            case "hello" -> {
                if ("procstage-stage".equals(e.str("comm", ""))) {
                    stagePid = e.pid();
                }
            }
            case "role" -> {
                proc(e.pid()).role = e.str("role", "?");
                if (!e.str("role", "").equals("root")) {
                    lastAction = "the " + e.str("role", "?") + " (pid " + e.pid() + ") starts: it shares no pipe with "
                            + "anyone — all it knows is the name demo.fifo";
                }
            }
            case "mkfifo" -> lastAction = e.intField("result", -1) == 0
                    ? "root called mkfifo(\"demo.fifo\", 0600): a new file of type p appears in the directory"
                    : "mkfifo failed (errno " + e.str("errno", "?") + ")";
            case "fifo-made" -> file = new FifoFile(e.str("name", file.name()), e.str("dir", ""), e.str("fileType", "?"),
                    e.str("mode", "?"), e.longField("inode", 0), true, false, file.kernelType(), file.kernelMode());
            case "fifo-stat" -> {
                boolean exists = e.bool("exists");
                file = new FifoFile(file.name(), file.dir(), file.fileType(), file.mode(), file.inode(), file.made(),
                        file.removed(), exists ? e.str("fileType", "?") : "gone", exists ? e.str("mode", "?") : "");
            }
            case "fifo-removed" -> {
                file = new FifoFile(file.name(), file.dir(), file.fileType(), file.mode(), file.inode(), file.made(),
                        true, file.kernelType(), file.kernelMode());
                lastAction = "root unlinked demo.fifo: the name is gone from the directory";
            }
            case "fifo-opening" -> {
                Working p = proc(e.pid());
                p.inOpen = true;
                opens.add(new OpenCall(e.pid(), roleOf(e.pid()), e.str("mode", "?"), "…", 0, true, false, false));
                p.activity = "in open(\"demo.fifo\", " + e.str("mode", "?") + ") …";
                lastAction = roleOf(e.pid()) + " (pid " + e.pid() + ") calls open(\"demo.fifo\", " + e.str("mode", "?") + ")";
            }
            case "fifo-open" -> opened(e);
            case "write" -> {
                written = e.str("text", "");
                proc(e.pid()).activity = "wrote " + e.str("result", "?") + " bytes";
                lastAction = roleOf(e.pid()) + " wrote \"" + written + "\" (" + e.str("result", "?") + " bytes) into the FIFO";
            }
            case "read" -> read(e);
            case "eof" -> {
                proc(e.pid()).activity = "read() returned 0: end of file";
                if (!"root".equals(roleOf(e.pid()))) {
                    endOfFile = true;
                }
                lastAction = roleOf(e.pid()) + ": read() returned 0 — no writer holds the FIFO open: end of file";
            }
            case "close" -> {
                Working p = proc(e.pid());
                p.probeFds.remove(e.intField("fd", -1));
                p.activity = "closed fd " + e.str("fd", "?");
                lastAction = roleOf(e.pid()) + " closed fd " + e.str("fd", "?");
            }
            case "partner-wait-seen" -> lastAction = "root read /proc/" + e.str("reader", "?") + "/wchan: the reader is "
                    + "asleep in wait_for_partner — its open() waits for a writer";
            case "state" -> {
                if (e.pid() != stagePid && !(procs.containsKey(e.pid()) && procs.get(e.pid()).reaped)) {
                    Working p = proc(e.pid());
                    String st = e.str("state", "?");
                    p.state = st.isEmpty() ? '?' : st.charAt(0);
                    p.wchan = e.str("wchan", "");
                    if (p.inOpen && p.state == 'S' && p.wchan.contains("wait_for_partner")) {
                        markBlocked(p.pid);
                    }
                }
            }
            case "fds" -> proc(e.pid()).kernelFds = FdEnd.parseAll(e.str("ends", "")).stream().filter(FdEnd::fifo).toList();
            case "exit" -> {
                Working p = proc(e.pid());
                p.exited = true;
                p.exitCode = e.has("code") ? e.intField("code", 0) : null;
                p.activity = "exited";
                p.probeFds.clear();
                lastAction = p.role + " (pid " + e.pid() + ") exited";
            }
            case "reap" -> {
                Working p = procs.get(e.intField("child", 0));
                if (p != null) {
                    p.reaped = true;
                    p.wchan = "";
                    p.activity = "reaped";
                    p.kernelFds = List.of();
                    lastAction = e.pid() == stagePid ? "the " + p.role + " (pid " + p.pid + ") has ended and was reaped: "
                            + "the run is over" : "root reaped the " + p.role + " (pid " + p.pid + ")";
                }
            }
            default -> { }
        }
    }

    private void opened(ProbeEvent e) {
        Working p = proc(e.pid());
        p.inOpen = false;
        String mode = e.str("mode", "?");
        boolean ok = e.fields().get("result") instanceof Number;
        String result = ok ? "fd " + e.intField("result", -1) : e.str("result", "error");
        double ms = e.fields().get("ms") instanceof Number n ? n.doubleValue() : 0;
        for (int i = opens.size() - 1; i >= 0; i--) {
            OpenCall c = opens.get(i);
            if (c.pid() == e.pid() && c.pending()) {
                opens.set(i, new OpenCall(c.pid(), c.role(), mode, result, ms, false, !ok, c.blockedSeen()));
                break;
            }
        }
        if (ok) {
            p.probeFds.put(e.intField("result", -1), mode);
        }
        p.activity = ok ? "open(" + mode + ") returned " + result : "open(" + mode + ") failed: " + result;
        String who = roleOf(e.pid()) + " (pid " + e.pid() + ")";
        if (!ok) {
            lastAction = who + ": open(" + mode + ") failed at once with " + result
                    + ("ENXIO".equals(result) ? " — no process has the FIFO open for reading" : "");
        } else if (ms >= 50) {
            lastAction = who + ": open(" + mode + ") returned " + result + " after " + Math.round(ms)
                    + " ms — it slept until the other side opened";
        } else {
            lastAction = who + ": open(" + mode + ") returned " + result + " at once";
        }
    }

    private void markBlocked(int pid) {
        for (int i = 0; i < opens.size(); i++) {
            OpenCall c = opens.get(i);
            if (c.pid() == pid && c.pending()) {
                opens.set(i, new OpenCall(c.pid(), c.role(), c.mode(), c.result(), c.ms(), true, false, true));
            }
        }
    }

    private void read(ProbeEvent e) {
        if (e.has("error")) {
            proc(e.pid()).activity = "read() failed: " + e.str("error", "?");
            lastAction = roleOf(e.pid()) + ": read() returned -1 " + e.str("error", "?")
                    + " — O_NONBLOCK: a writer exists but nothing was written, so no waiting";
            return;
        }
        if (!"root".equals(roleOf(e.pid()))) {
            readText = e.str("text", "");
        }
        proc(e.pid()).activity = "read " + e.str("result", "?") + " bytes";
        lastAction = roleOf(e.pid()) + " read \"" + e.str("text", "") + "\" (" + e.str("result", "?") + " bytes) from the FIFO";
    }

    private Working proc(int pid) {
        return procs.computeIfAbsent(pid, Working::new);
    }

    private String roleOf(int pid) {
        Working p = procs.get(pid);
        return p == null || p.role.isEmpty() ? "pid " + pid : p.role;
    }

    @Override
    public void publish() {
        List<Proc> shown = new ArrayList<>();
        for (Working p : procs.values()) {
            if (p.role.isEmpty()) {
                continue; // the stage, or a process that has not said who it is yet
            }
            List<String> fds = new ArrayList<>();
            p.probeFds.forEach((fd, mode) -> fds.add(fd + " " + mode));
            shown.add(new Proc(p.pid, p.role, p.reaped ? 'X' : p.state, p.wchan, p.activity, p.kernelFds, p.exited,
                    p.exitCode, p.reaped, p.inOpen, List.copyOf(fds)));
        }
        FifoPicture now = new FifoPicture(file, List.copyOf(shown), List.copyOf(opens), written, readText, endOfFile);
        if (!now.equals(picture.get())) {
            picture.set(now);
        }
        action.set(lastAction);
    }

    public ReadOnlyObjectProperty<FifoPicture> pictureProperty() {
        return picture;
    }

    /** What just happened, in one sentence for the caption. */
    public ReadOnlyStringProperty actionProperty() {
        return action;
    }
}
