package org.procstage.scenes.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.fdtable.FdEnd;
import org.procstage.scenes.pipeline.PipelinePicture.Pipe;
import org.procstage.scenes.pipeline.PipelinePicture.Station;
import org.procstage.session.SceneModel;

/**
 * The pipeline as a reducer: five pipes, the root and four filters. What sits in each pipe is
 * the written text minus what was read (probe reports), checked against the kernel's own count
 * (FIONREAD); who holds which pipe end comes from /proc/PID/fd; blocking from the kernel's state.
 */
public final class PipelineViewModel implements SceneModel {
    static final int PIPES = 5;

    /** Mutable working state of one process; turned into a {@link Station} on publish. */
    private static final class Proc {
        final int pid;
        String name = "";
        int index = -2; // -1 root, 0..3 filters, -2 not known yet
        char state = '?';
        String wchan = "";
        String activity = "";
        List<FdEnd> ends = List.of();
        boolean exited;
        Integer exitCode;
        boolean reaped;

        Proc(int pid) {
            this.pid = pid;
        }
    }

    /** Mutable working state of one pipe. */
    private static final class PipeState {
        final int index;
        String from = "";
        String to = "";
        boolean made;
        long inode;
        final StringBuilder written = new StringBuilder();
        int readBytes;
        Integer kernelBytes;
        boolean kernelFresh;
        boolean endOfFile;

        PipeState(int index) {
            this.index = index;
        }
    }

    private final Map<Integer, Proc> procs = new LinkedHashMap<>();
    private final List<PipeState> pipes = new ArrayList<>();
    private int stagePid;
    private String sentence = "";
    private String received = "";
    private String output = "";
    private int capacity;
    private int pipeBuf;
    private boolean inputClosed;
    private String lastAction = "";

    private final StringProperty requestedSentence;
    private final SimpleObjectProperty<PipelinePicture> picture = new SimpleObjectProperty<>(PipelinePicture.EMPTY);
    private final SimpleStringProperty action = new SimpleStringProperty("");

    public PipelineViewModel(String initialSentence) {
        requestedSentence = new SimpleStringProperty(initialSentence);
        reset();
    }

    @Override
    public void reset() {
        procs.clear();
        pipes.clear();
        for (int i = 0; i < PIPES; i++) {
            pipes.add(new PipeState(i));
        }
        stagePid = 0;
        sentence = "";
        received = "";
        output = "";
        capacity = 0;
        pipeBuf = 0;
        inputClosed = false;
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
            case "launch" -> root(e.intField("child", 0));
            case "sentence" -> {
                root(e.pid());
                sentence = e.str("text", "");
                lastAction = "the sentence to turn into camelCase: \"" + sentence + "\"";
            }
            case "pipe-made" -> pipeMade(e);
            case "pipe-info" -> {
                capacity = e.intField("capacity", 0);
                pipeBuf = e.intField("pipeBuf", 0);
            }
            case "fork" -> lastAction = "root forked pid " + e.intField("child", 0)
                    + ": the child inherits every open descriptor — all ten pipe ends";
            case "filter" -> {
                Proc p = proc(e.pid());
                p.name = e.str("name", "?");
                p.index = e.intField("index", 0);
                lastAction = "pid " + e.pid() + " becomes the " + p.name + " filter: reads pipe " + e.str("in", "?")
                        + ", writes pipe " + e.str("out", "?");
            }
            case "dup2" -> {
                String what = "dup2(" + e.str("oldfd", "?") + ", " + e.str("newfd", "?") + ")";
                activity(e.pid(), what);
                lastAction = nameOf(e.pid()) + ": " + what + " — fd " + e.str("newfd", "?") + " ("
                        + (e.intField("newfd", 0) == 0 ? "stdin" : "stdout") + ") is now pipe " + e.str("pipe", "?")
                        + "'s " + e.str("end", "?") + " end";
            }
            case "close" -> closed(e);
            case "write" -> wrote(e);
            case "read" -> read(e);
            case "eof" -> {
                PipeState pipe = pipe(e.intField("pipe", -1));
                if (pipe != null) {
                    pipe.endOfFile = true;
                }
                activity(e.pid(), "read() returned 0: end of file");
                lastAction = nameOf(e.pid()) + ": read() returned 0 — end of file: no process holds a write end of pipe "
                        + e.str("pipe", "?") + " any more";
            }
            case "output" -> {
                output = e.str("text", "");
                activity(e.pid(), "result: " + output);
                lastAction = "root read end of file on pipe 4: the result is \"" + output + "\"";
            }
            case "pipe-fill" -> {
                PipeState pipe = pipe(e.intField("pipe", -1));
                if (pipe != null) {
                    pipe.kernelBytes = e.intField("bytes", 0);
                    pipe.kernelFresh = true;
                }
            }
            case "state" -> {
                if (e.pid() != stagePid && !(procs.containsKey(e.pid()) && procs.get(e.pid()).reaped)) {
                    Proc p = proc(e.pid());
                    String st = e.str("state", "?");
                    p.state = st.isEmpty() ? '?' : st.charAt(0);
                    p.wchan = e.str("wchan", "");
                }
            }
            case "fds" -> proc(e.pid()).ends = FdEnd.parseAll(e.str("ends", ""));
            case "exit" -> {
                Proc p = proc(e.pid());
                p.exited = true;
                p.exitCode = e.has("code") ? e.intField("code", 0) : null;
                p.activity = e.has("signal") ? "killed by signal " + e.str("signal", "?") : "exit(" + p.exitCode + ")";
                lastAction = nameOf(e.pid()) + " exited";
            }
            case "reap" -> {
                Proc p = procs.get(e.intField("child", 0));
                if (p != null) {
                    p.reaped = true;
                    p.ends = List.of();
                    if (p.index >= 0) {
                        lastAction = "root reaped " + p.name + " (pid " + p.pid + ")";
                    }
                }
            }
            default -> { }
        }
    }

    private void pipeMade(ProbeEvent e) {
        PipeState pipe = pipe(e.intField("pipe", -1));
        if (pipe == null) {
            return;
        }
        pipe.made = true;
        pipe.inode = e.longField("inode", 0);
        pipe.from = e.str("from", "?");
        pipe.to = e.str("to", "?");
        lastAction = "root called pipe(): pipe " + pipe.index + " (" + pipe.from + " → " + pipe.to + ") has read end fd "
                + e.str("readFd", "?") + " and write end fd " + e.str("writeFd", "?");
    }

    private void closed(ProbeEvent e) {
        String end = e.str("end", "?");
        int pipe = e.intField("pipe", -1);
        activity(e.pid(), "close(" + e.str("fd", "?") + ")");
        Proc p = proc(e.pid());
        if (p.index == -1 && pipe == 0 && end.equals("write")) {
            inputClosed = true;
        }
        boolean ownEnd = p.index == -1 ? (pipe == 0 && end.equals("write")) || (pipe == PIPES - 1 && end.equals("read"))
                : p.index >= 0 && ((pipe == p.index && end.equals("read")) || (pipe == p.index + 1 && end.equals("write")));
        lastAction = nameOf(e.pid()) + " closed fd " + e.str("fd", "?") + " (pipe " + pipe + " " + end + " end)"
                + (ownEnd && end.equals("write") ? ": the reader of pipe " + pipe + " will see end of file once it is empty"
                : ownEnd ? "" : " — it does not use that end");
    }

    private void wrote(ProbeEvent e) {
        PipeState pipe = pipe(e.intField("pipe", -1));
        String text = e.str("text", "");
        if (pipe != null && e.intField("result", -1) > 0) {
            pipe.written.append(text, 0, Math.min(text.length(), e.intField("result", 0)));
            pipe.kernelFresh = false;
        }
        activity(e.pid(), "wrote \"" + shown(text) + "\"");
        lastAction = nameOf(e.pid()) + " wrote \"" + shown(text) + "\" (" + e.str("result", "?") + " bytes) into pipe "
                + e.str("pipe", "?");
    }

    private void read(ProbeEvent e) {
        PipeState pipe = pipe(e.intField("pipe", -1));
        int n = Math.max(0, e.intField("result", 0));
        if (pipe != null) {
            pipe.readBytes += n;
            pipe.kernelFresh = pipe.kernelFresh && n == 0;
        }
        String text = e.str("text", "");
        if (proc(e.pid()).index == -1) {
            received += text;
        }
        activity(e.pid(), "read \"" + shown(text) + "\"");
        lastAction = nameOf(e.pid()) + " read " + n + " bytes from pipe " + e.str("pipe", "?") + ": \"" + shown(text) + "\"";
    }

    /** Text as the scene prints it: a line break becomes a visible ⏎. */
    static String shown(String text) {
        return text.replace("\n", "⏎");
    }

    private void root(int pid) {
        if (pid > 0) {
            Proc p = proc(pid);
            p.index = -1;
            p.name = "root";
        }
    }

    private Proc proc(int pid) {
        return procs.computeIfAbsent(pid, Proc::new);
    }

    private PipeState pipe(int index) {
        return index >= 0 && index < pipes.size() ? pipes.get(index) : null;
    }

    private String nameOf(int pid) {
        Proc p = procs.get(pid);
        return p == null || p.name.isEmpty() ? "pid " + pid : p.name;
    }

    private void activity(int pid, String text) {
        proc(pid).activity = text;
    }

    @Override
    public void publish() {
        Map<Long, Integer> pipeByInode = new HashMap<>();
        pipes.stream().filter(p -> p.made).forEach(p -> pipeByInode.put(p.inode, p.index));
        int[] writeEnds = new int[PIPES];
        int[] readEnds = new int[PIPES];
        boolean endsKnown = false;
        Station root = null;
        List<Station> filters = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (p.index < -1) {
                continue;
            }
            List<String> fds = new ArrayList<>();
            int unused = 0;
            for (FdEnd end : p.ends) {
                Integer pipe = end.pipeInode().isPresent() ? pipeByInode.get(end.pipeInode().getAsLong()) : null;
                if (pipe == null) {
                    continue; // not one of this scene's pipes
                }
                endsKnown = true;
                if (end.writes()) {
                    writeEnds[pipe]++;
                } else {
                    readEnds[pipe]++;
                }
                boolean own = p.index == -1 ? (pipe == 0 && end.writes()) || (pipe == PIPES - 1 && end.reads())
                        : (pipe == p.index && end.reads()) || (pipe == p.index + 1 && end.writes());
                if (own) {
                    fds.add("fd " + end.fd() + (end.writes() ? " ▶ pipe " : " ◀ pipe ") + pipe);
                } else {
                    unused++;
                }
            }
            Station s = new Station(p.pid, p.name, p.index, p.reaped ? 'X' : p.state, p.wchan, p.activity,
                    List.copyOf(fds), unused, p.exited, p.exitCode, p.reaped);
            if (p.index == -1) {
                root = s;
            } else {
                filters.add(s);
            }
        }
        filters.sort(java.util.Comparator.comparingInt(Station::index));
        List<Pipe> shownPipes = new ArrayList<>();
        for (PipeState p : pipes) {
            String all = p.written.toString();
            String buffered = p.readBytes >= all.length() ? "" : all.substring(p.readBytes);
            shownPipes.add(new Pipe(p.index, p.from, p.to, p.made, p.inode, buffered, p.kernelBytes, p.kernelFresh,
                    writeEnds[p.index], readEnds[p.index], endsKnown, p.endOfFile, all.length()));
        }
        PipelinePicture now = new PipelinePicture(sentence, received, output, capacity, pipeBuf, inputClosed, root,
                List.copyOf(filters), List.copyOf(shownPipes));
        if (!now.equals(picture.get())) {
            picture.set(now);
        }
        action.set(lastAction);
    }

    public ReadOnlyObjectProperty<PipelinePicture> pictureProperty() {
        return picture;
    }

    /** What just happened, in one sentence for the caption. */
    public ReadOnlyStringProperty actionProperty() {
        return action;
    }

    /** The sentence the student typed: the next live run feeds it to the pipeline. Kept across reset. */
    public StringProperty requestedSentenceProperty() {
        return requestedSentence;
    }
}
