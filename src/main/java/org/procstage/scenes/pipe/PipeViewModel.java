package org.procstage.scenes.pipe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.session.ProbeControl;
import org.procstage.session.SceneModel;

/**
 * The pipe scene as a reducer (plain Java: replay re-applies prefixes, so no clocks, no I/O). The
 * buffer's size and fill are the kernel's figures (F_GETPIPE_SZ, ioctl FIONREAD), who holds which
 * end comes from /proc/PID/fd, and a process is drawn blocked only when the kernel's state letter
 * and wait channel say so. The page-wake meter (WriterWatch) may also read a full pipe after the
 * writer's last write as "its next write waits", and says so in those words.
 */
public final class PipeViewModel implements SceneModel {
    private static final int PAGE = 4096;

    private final Map<Integer, ProcRecord> procs = new LinkedHashMap<>();
    private final Map<Long, int[]> pipes = new HashMap<>(); // inode -> {capacity, default, pipeBuf, fill}
    private final List<String> results = new ArrayList<>();
    private final List<PipeScene.PipeBufRound> rounds = new ArrayList<>();
    private final WriterWatch writer = new WriterWatch();
    private final SimpleObjectProperty<PipeScene> scene = new SimpleObjectProperty<>(PipeScene.EMPTY);
    private int parentPid;
    private int phase;
    private String phaseTitle = "";
    private String caption = "";
    private long inode = -1;
    private boolean shrink;
    private boolean forget;
    private boolean writerAsleep; // as last computed, for a caption when it changes
    private boolean forgotten;    // this round's parent kept its write end (phase 3's bug)
    private String wakeCaption;   // the caption, while it is the wake-up sentence (late reads refine it)
    private final PipeControls controls = new PipeControls(() -> parentPid);

    @Override
    public void reset() {
        procs.clear();
        pipes.clear();
        results.clear();
        rounds.clear();
        parentPid = 0;
        phase = 0;
        phaseTitle = "";
        caption = "";
        inode = -1;
        shrink = false;
        forget = false;
        wakeCaption = null;
        newPipeRound();
    }

    private void newPipeRound() {
        writer.reset();
        writerAsleep = false;
        forgotten = false;
    }

    @Override
    public void apply(ProbeEvent e) {
        if (e.fromKernel()) {
            applyKernel(e);
            return;
        }
        switch (e.type()) {
            case "launch" -> {
                parentPid = e.intField("child", 0);
                proc(parentPid).role = "parent";
                proc(parentPid).name = "parent";
            }
            case "fork" -> {
                ProcRecord child = proc(e.intField("child", 0));
                child.phase = phase;
                caption = "The parent forked pid " + child.pid + ": the child inherits both ends of the pipe";
            }
            case "phase" -> {
                parentPid = parentPid == 0 ? e.pid() : parentPid;
                phase = e.intField("phase", 0);
                phaseTitle = e.str("title", "");
                results.clear();
                rounds.clear();
                caption = "Phase " + phase + ": " + phaseTitle;
            }
            case "option" -> {
                shrink = e.bool("shrink");
                forget = e.bool("forget");
                caption = "Options: " + (shrink ? "next pipe shrunk to 4 KiB" : "default pipe size") + "; "
                        + (forget ? "the parent will forget its write end" : "the parent closes its ends");
            }
            case "pipe" -> {
                inode = e.longField("inode", -1);
                newPipeRound();
                proc(e.pid()).holds(e.t(), "read", "write");
                caption = "pipe() made pipe:[" + inode + "]: fd " + e.str("readFd", "?") + " is the read end, fd "
                        + e.str("writeFd", "?") + " the write end";
            }
            case "pipe-info" -> {
                int cap = e.intField("capacity", 0);
                pipes.put(e.longField("inode", -1), new int[] {cap, cap, e.intField("pipeBuf", 0), -1});
                caption = "The kernel says the pipe holds " + cap + " bytes (F_GETPIPE_SZ): " + cap / PAGE
                        + " pages of " + PAGE;
            }
            case "pipe-resize" -> {
                int[] info = pipes.get(e.longField("inode", -1));
                if (info != null && e.intField("capacity", 0) > 0) {
                    info[0] = e.intField("capacity", 0);
                }
                caption = "F_SETPIPE_SZ(4096): " + e.str("result", "?") + " — the pipe now holds "
                        + e.str("capacity", "?") + " bytes, a single page";
            }
            case "pipe-fill" -> {
                int[] info = pipes.get(e.longField("inode", -1));
                if (info != null) {
                    info[3] = e.intField("bytes", 0);
                    if (e.longField("inode", -1) == inode && info[3] >= info[0]) {
                        writer.full(e.t());
                    }
                }
                noteAsleep();
            }
            case "step" -> {
                ProcRecord r = procs.get(e.pid());
                if (r != null && e.bool("paced") && isCurrentWriter(r)) {
                    writer.atStepPoint(e.t());
                    noteAsleep();
                }
            }
            case "role" -> {
                ProcRecord r = proc(e.pid());
                r.role = e.str("role", "");
                r.name = e.str("name", r.role);
                r.phase = e.intField("phase", phase);
                r.inode = e.longField("inode", -1);
                r.holds(e.t(), "read", "write"); // inherited across fork
            }
            case "write" -> onWrite(e, proc(e.pid()));
            case "read" -> onRead(e, proc(e.pid()));
            case "close" -> {
                ProcRecord r = proc(e.pid());
                String end = e.str("end", "?");
                if (e.longField("inode", -1) == inode) {
                    r.closed(e.t(), end);
                }
                r.lastOp = "close(" + e.str("fd", "?") + ") — its " + end + " end";
                boolean readerDone = "reader".equals(r.role) && "read".equals(end) && phase != 4;
                if (!readerDone) { // a reader's last close, after EOF, would hide what EOF meant
                    caption = r.label() + " closed fd " + e.str("fd", "?") + ", its " + end + " end";
                }
                if ("write".equals(end) && isCurrentWriter(r)) {
                    writer.closed(e.longField("t0", e.t()));
                }
            }
            case "keep-open" -> {
                forgotten = true;
                proc(e.pid()).lastOp = "fd " + e.str("fd", "?") + " (write end) left open";
                caption = "The bug: the parent closed its read end but kept its write end (fd " + e.str("fd", "?") + ")";
            }
            case "eof" -> onEof(e, proc(e.pid()));
            case "sigaction" -> {
                ProcRecord r = proc(e.pid());
                boolean ignore = "ignore".equals(e.str("action", ""));
                r.lastOp = ignore ? "SIGPIPE ignored (SIG_IGN)" : "SIGPIPE: default action (terminate)";
                caption = r.label() + (ignore ? " ignores SIGPIPE" : " keeps SIGPIPE's default action: terminate");
            }
            case "exit" -> onExit(e);
            case "reap" -> {
                ProcRecord r = procs.get(e.intField("child", 0));
                if (r != null) {
                    r.gone = true;
                    if (r.outcome.isEmpty()) {
                        r.outcome = e.has("signal") ? "killed by signal " + e.str("signal", "?")
                                : "exit(" + e.str("code", "?") + ")";
                    }
                    if (e.has("signal")) {
                        caption = "pid " + e.pid() + " reaped " + r.label() + ": " + r.outcome;
                    }
                }
            }
            case "pipebuf-result" -> onPipeBufResult(e);
            default -> { }
        }
    }

    private void applyKernel(ProbeEvent e) {
        ProcRecord r = procs.get(e.pid());
        if (r == null || r.gone) {
            return; // the stage, or a late reading of a reaped process
        }
        if (e.is("fds")) {
            r.fds = ProcRecord.parseEnds(e.str("ends", ""));
            r.fdsSeen = true;
            r.fdsT = e.t();
            return;
        }
        if (!e.is("state")) {
            return;
        }
        String st = e.str("state", "?");
        r.state = st.isEmpty() ? '?' : st.charAt(0);
        r.wchan = e.str("wchan", "");
        if (r.inode != inode || r.inode < 0) {
            return;
        }
        PipeScene.Proc now = r.freeze(inode);
        if (isCurrentWriter(r)) {
            boolean wasBlocked = writer.kernelSaysBlocked();
            writer.kernelState(e.t(), now.asleepIn("pipe_write"));
            boolean before = writerAsleep;
            noteAsleep();
            if (before && writerAsleep && !wasBlocked && writer.kernelSaysBlocked()) {
                caption = "The kernel confirms: the writer sleeps in " + r.wchan + " (state S) — the pipe is full";
            }
        } else if (now.isReader() && now.asleepIn("pipe_read")) {
            PipeScene.Buffer b = buffer();
            caption = b != null && !b.writeHolders().isEmpty() && writer.closedAt() >= 0
                    ? "The reader has read everything and sleeps in " + r.wchan + ": no EOF while a write end is open — "
                    + String.join(", ", b.writeHolders())
                    : "The pipe is empty: the reader sleeps in " + r.wchan + " until someone writes (or every write end closes)";
        }
    }

    private void noteAsleep() {
        boolean now = singleWriter() && writer.asleep();
        if (now && !writerAsleep) {
            int[] info = pipes.get(inode);
            ProcRecord w = procs.values().stream().filter(this::isCurrentWriter).findFirst().orElse(null);
            String where = w != null && writer.kernelFresh() && writer.kernelSaysBlocked()
                    ? " — the kernel shows it asleep in " + w.wchan + " (state S)" : "";
            long[] woke = writer.lastWake();
            caption = info != null && info[3] >= 0 && info[3] < info[0]
                    ? "The writer sleeps with " + info[3] + " of " + info[0] + " bytes buffered: a write of at most "
                    + "PIPE_BUF bytes is all-or-nothing, and it does not fit" + where
                    : woke != null
                    ? "The writer woke only once a whole page was free (the reader took " + woke[0] + " B in " + woke[1]
                    + " reads), refilled it, and must wait again: the pipe is full" + where
                    : "The pipe is full: the writer's next write() must wait" + where;
        }
        writerAsleep = now;
    }

    private boolean isCurrentWriter(ProcRecord r) {
        return r.inode == inode && inode >= 0 && "writer".equals(r.role);
    }

    private void onWrite(ProbeEvent e, ProcRecord w) {
        Object result = e.fields().get("result");
        if (result instanceof Number n) {
            w.written += n.longValue();
            w.lastOp = "write(" + e.str("fd", "?") + ", " + e.str("bytes", "?") + ") → " + n;
            if (isCurrentWriter(w) && singleWriter() && writer.wrote(e.t(), e.longField("t0", e.t()))) {
                writerAsleep = false;
                caption = wakeSentence();
                wakeCaption = caption;
            }
        } else {
            w.lastOp = "write(" + e.str("fd", "?") + ", " + e.str("bytes", "?") + ") → -1 " + result;
            caption = "write() failed with " + result + ": no process holds the read end, and SIGPIPE is ignored";
            results.add(w.label() + ": SIGPIPE ignored → write() returned -1, errno " + result);
        }
    }

    private void onRead(ProbeEvent e, ProcRecord r) {
        Object result = e.fields().get("result");
        if (result instanceof Number n) {
            r.read += n.longValue();
            r.lastOp = "read(" + e.str("fd", "?") + ", " + e.str("bytes", "?") + ") → " + n;
            if (r.inode == inode) {
                writer.read(e.longField("t0", e.t()), n.longValue());
            }
        } else {
            r.lastOp = "read → -1 " + result;
        }
    }

    private void onEof(ProbeEvent e, ProcRecord r) {
        r.lastOp = "read() → 0: end of file";
        String after = writer.closedAt() >= 0 && r.inode == inode
                ? String.format(" %.0f ms after the writer closed its end", (e.t() - writer.closedAt()) / 1e6) : "";
        caption = "read() returned 0 — end of file: no write end is open in any process" + (after.isEmpty() ? "" : "," + after);
        r.read = Math.max(r.read, e.longField("total", 0));
        if (phase == 3) {
            results.add((forgotten ? "Parent forgot its write end: EOF only when it closed it," : "Parent closed both ends: EOF")
                    + after + " (" + e.str("total", "?") + " bytes read)");
        }
    }

    private void onExit(ProbeEvent e) {
        if (e.has("child")) {
            ProcRecord r = proc(e.intField("child", 0));
            int sig = e.intField("signal", 0);
            r.outcome = "killed by signal " + sig + (sig == 13 ? " (SIGPIPE)" : "");
            caption = r.label() + " was killed by signal " + sig + (sig == 13 ? " (SIGPIPE): it wrote to a pipe no process can read" : "")
                    + " — reported by its parent from waitpid()";
            results.add(r.label() + ": default SIGPIPE → " + r.outcome);
        } else {
            ProcRecord r = proc(e.pid());
            r.outcome = "exit(" + e.str("code", "?") + ")";
        }
    }

    private void onPipeBufResult(ProbeEvent e) {
        List<PipeScene.Run> runs = new ArrayList<>();
        if (e.fields().get("runs") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number w
                        && pair.get(1) instanceof Number len) {
                    runs.add(new PipeScene.Run(w.intValue(), len.longValue()));
                }
            }
        }
        PipeScene.PipeBufRound round = new PipeScene.PipeBufRound(e.intField("recordBytes", 0), e.intField("records", 0),
                e.intField("interleaved", 0), e.intField("switches", 0), e.longField("bytes", 0), runs);
        rounds.add(round);
        String sentence = "Records of " + round.recordBytes() + " bytes: " + round.interleaved() + " of " + round.records()
                + " interleaved; the writers took turns " + round.switches() + " times";
        results.add(sentence);
        caption = sentence + (round.recordBytes() <= PAGE ? " — always between whole records (≤ PIPE_BUF is atomic)"
                : " — a write larger than PIPE_BUF may be split");
    }

    /** A read that began before the write returned may report after it: recomputed at publish. */
    private String wakeSentence() {
        long[] woke = writer.lastWake();
        return "The writer woke and wrote again only once the reader had emptied a whole page of the buffer ("
                + woke[0] + " bytes in " + woke[1] + " reads)";
    }

    private boolean singleWriter() {
        return procs.values().stream().filter(r -> r.inode == inode && "writer".equals(r.role)).count() == 1;
    }

    private ProcRecord proc(int pid) {
        return procs.computeIfAbsent(pid, ProcRecord::new);
    }

    private PipeScene.Buffer buffer() {
        int[] info = pipes.get(inode);
        if (info == null) {
            return null;
        }
        OpenEnds ends = OpenEnds.count(procs.values(), parentPid, inode);
        return new PipeScene.Buffer(inode, info[0], info[1], info[2], info[3], ends.read(), ends.write(),
                ends.writeHolders(), ends.readHolders());
    }

    @Override
    public void publish() {
        if (wakeCaption != null && wakeCaption == caption && writer.lastWake() != null) {
            caption = wakeSentence();
            wakeCaption = caption;
        }
        List<PipeScene.Proc> shown = new ArrayList<>();
        for (ProcRecord r : procs.values()) {
            if (r.pid != parentPid && r.inode == inode && inode >= 0) {
                shown.add(r.freeze(inode));
            }
        }
        ProcRecord parent = parentPid == 0 ? null : procs.get(parentPid);
        PipeScene now = new PipeScene(phase, phaseTitle, caption, buffer(), parent == null ? null : parent.freeze(inode),
                shown, singleWriter() ? writer.pageWake() : PipeScene.PageWake.NONE, results, rounds, shrink, forget);
        if (!now.equals(scene.get())) {
            scene.set(now);
        }
    }

    public ReadOnlyObjectProperty<PipeScene> sceneProperty() {
        return scene;
    }

    /** What the student can do to this run's processes (nothing, in a replay). */
    public PipeControls controls() {
        return controls;
    }

    @Override
    public void attach(ProbeControl control) {
        controls.attach(control);
    }

    public int parentPid() {
        return parentPid;
    }
}
