package org.procstage.scenes.cow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.procstage.protocol.ProbeEvent;
import org.procstage.scenes.cow.CowBoard.Column;
import org.procstage.scenes.cow.CowBoard.Frame;
import org.procstage.scenes.cow.CowBoard.FrameRow;
import org.procstage.scenes.cow.CowBoard.Page;
import org.procstage.scenes.cow.CowBoard.Touch;
import org.procstage.session.ProbeControl;
import org.procstage.session.SceneModel;

/**
 * Copy-on-write as a reducer over the probe's reports. Sharing is never inferred from "fork" or
 * "write": a frame is drawn shared only when both page tables say the page is not exclusively
 * mapped (pagemap bit 56) and, where the kernel shows frame numbers, both name the same frame.
 */
public final class CowViewModel implements SceneModel {
    private final SimpleObjectProperty<CowBoard> board = new SimpleObjectProperty<>(CowBoard.EMPTY);
    private final SimpleBooleanProperty live = new SimpleBooleanProperty();
    private final Map<Integer, Side> sides = new HashMap<>();
    private int parentPid;
    private int childPid;
    private int pageKb = 4;
    private int pages = 8;
    private List<String> initialContents = List.of();
    private Touch lastTouch;
    private long touches;
    private String caption = "";
    private ProbeControl control = ProbeControl.NONE;

    /** What is known of one process, mutable while reducing. */
    private static final class Side {
        final String role;
        final int pid;
        final List<Page> pages = new ArrayList<>();
        long shared = -1;
        long priv = -1;
        long minflt = -1;
        String vars = "";
        String status = "running";

        Side(String role, int pid, List<String> contents) {
            this.role = role;
            this.pid = pid;
            for (int i = 0; i < contents.size(); i++) {
                pages.add(new Page(i, false, false, null, contents.get(i), false));
            }
        }

        Column column() {
            return new Column(role, pid, List.copyOf(pages), shared, priv, minflt, vars, status);
        }
    }

    @Override
    public void reset() {
        sides.clear();
        parentPid = 0;
        childPid = 0;
        pageKb = 4;
        pages = 8;
        initialContents = List.of();
        lastTouch = null;
        touches = 0;
        caption = "";
    }

    @Override
    public void attach(ProbeControl control) {
        this.control = control;
        live.set(control.live());
    }

    @Override
    public void apply(ProbeEvent e) {
        switch (e.type()) {
            case "region" -> onRegion(e);
            case "fork" -> onFork(e);
            case "pagemap" -> onPagemap(e);
            case "smaps" -> side(e.pid()).ifPresent(s -> {
                s.shared = e.longField("sharedDirtyKb", -1);
                s.priv = e.longField("privateDirtyKb", -1);
                s.minflt = e.longField("minflt", -1);
            });
            case "vars" -> side(e.pid()).ifPresent(s -> {
                s.vars = "global=" + e.str("global", "?") + " local=" + e.str("local", "?");
                setText(s, e.intField("page", 0), s.vars);
            });
            case "write", "read" -> onTouch(e);
            case "exit" -> side(e.pid()).ifPresent(s -> {
                s.status = "exited";
                lastTouch = null;
                caption = e.pid() == parentPid ? "the parent exited too: the region is gone with it"
                        : "the child pid " + e.pid() + " exited: its page table is gone, so each frame it shared "
                        + "is now mapped once";
            });
            case "state" -> side(e.pid()).filter(s -> "Z".equals(e.str("state", ""))).ifPresent(s -> s.status = "zombie");
            case "reap" -> side(e.intField("child", 0)).ifPresent(s -> s.status = "reaped");
            default -> { }
        }
    }

    private void onRegion(ProbeEvent e) {
        parentPid = e.pid();
        pageKb = e.intField("pageKb", 4);
        pages = e.intField("pages", 8);
        List<String> contents = new ArrayList<>();
        if (e.fields().get("contents") instanceof List<?> list) {
            list.forEach(c -> contents.add(String.valueOf(c)));
        }
        while (contents.size() < pages) {
            contents.add("");
        }
        initialContents = List.copyOf(contents);
        sides.put(parentPid, new Side("parent", parentPid, initialContents));
        caption = "pid " + parentPid + " mapped " + pages + " pages of " + pageKb
                + " kB between two guard pages and filled each one";
    }

    private void onFork(ProbeEvent e) {
        Side parent = sides.get(e.pid());
        if (parent == null || e.pid() != parentPid) {
            return;
        }
        childPid = e.intField("child", 0);
        Side child = new Side("child", childPid, initialContents);
        for (int i = 0; i < parent.pages.size() && i < child.pages.size(); i++) {
            // The child's memory starts as the parent's: same contents, page table not yet read.
            Page p = parent.pages.get(i);
            child.pages.set(i, new Page(i, false, false, null, p.text(), false));
        }
        child.vars = parent.vars;
        sides.put(childPid, child);
        caption = "pid " + parentPid + " forked pid " + childPid
                + ": the child gets a copy of the page table, every frame is now mapped twice, write-protected";
    }

    private void onPagemap(ProbeEvent e) {
        Side s = sides.get(e.pid());
        if (s == null || !(e.fields().get("pages") instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("index") instanceof Number idx
                    && idx.intValue() >= 0 && idx.intValue() < s.pages.size()) {
                int i = idx.intValue();
                Long pfn = m.get("pfn") instanceof Number n ? n.longValue() : null;
                s.pages.set(i, new Page(i, Boolean.TRUE.equals(m.get("present")), Boolean.TRUE.equals(m.get("exclusive")),
                        pfn, s.pages.get(i).text(), true));
            }
        }
        if ("reap".equals(e.str("after", "")) && e.pid() == parentPid) {
            caption = "the parent reaped the child: every frame is mapped only once again — pagemap bit 56 is set "
                    + "on all " + pages + " pages";
        }
    }

    private void onTouch(ProbeEvent e) {
        Side s = sides.get(e.pid());
        int page = e.intField("page", -1);
        if (s == null || page < 0 || page >= s.pages.size()) {
            return;
        }
        boolean write = e.is("write");
        boolean copied = write && e.bool("wasShared");
        long faults = e.longField("faults", 0);
        if (write) {
            setText(s, page, e.str("text", ""));
        }
        lastTouch = new Touch(++touches, s.role, page, write, copied, faults);
        String who = s.role + " pid " + s.pid;
        String f = faults == 1 ? "1 page fault" : faults + " page faults";
        if (!write) {
            caption = who + " read page " + page + " (\"" + e.str("text", "") + "\"): reading copies nothing, "
                    + f + " — the frame stays shared";
        } else if (copied) {
            caption = who + " wrote page " + page + ": " + f + " — the page was shared, so the kernel copied "
                    + "the frame and remapped the " + s.role + "'s page " + page + " to the copy";
        } else if (faults > 0) {
            caption = who + " wrote page " + page + ": " + f + ", but the frame was mapped only once, so the kernel "
                    + "just made it writable — no copy";
        } else {
            caption = who + " wrote page " + page + ": already private and writable — no fault, no copy";
        }
    }

    private void setText(Side s, int page, String text) {
        if (page >= 0 && page < s.pages.size()) {
            Page p = s.pages.get(page);
            s.pages.set(page, new Page(page, p.present(), p.exclusive(), p.pfn(), text, p.reported()));
        }
    }

    private java.util.Optional<Side> side(int pid) {
        return java.util.Optional.ofNullable(sides.get(pid));
    }

    private String role(int pid) {
        return pid == parentPid ? "the parent" : "the child";
    }

    @Override
    public void publish() {
        Side parent = sides.get(parentPid);
        Side child = sides.get(childPid);
        CowBoard now = new CowBoard(pageKb, parent == null ? null : parent.column(), child == null ? null : child.column(),
                frames(parent, child), lastTouch, caption);
        live.set(control.live());
        if (!now.equals(board.get())) {
            board.set(now);
        }
    }

    /** Which frames back each page: one shared frame only when both page tables say so. */
    static List<FrameRow> frames(Side parent, Side child) {
        if (parent == null) {
            return List.of();
        }
        boolean parentMaps = parent.column().mapped();
        boolean childMaps = child != null && child.column().mapped();
        List<FrameRow> rows = new ArrayList<>();
        for (int i = 0; i < parent.pages.size(); i++) {
            Page p = parent.pages.get(i);
            Page c = childMaps ? child.pages.get(i) : null;
            rows.add(new FrameRow(i, framesOf(p, c, parentMaps)));
        }
        return List.copyOf(rows);
    }

    private static List<Frame> framesOf(Page p, Page c, boolean parentMaps) {
        if (!parentMaps) {
            return List.of();
        }
        Frame parentsOwn = new Frame(p.pfn(), List.of("parent"));
        if (c == null || !c.reported()) {
            return List.of(parentsOwn);
        }
        boolean sameFrame = p.pfn() == null || c.pfn() == null || p.pfn().equals(c.pfn());
        if (!p.exclusive() && !c.exclusive() && sameFrame) {
            return List.of(new Frame(p.pfn() != null ? p.pfn() : c.pfn(), List.of("parent", "child")));
        }
        return List.of(parentsOwn, new Frame(c.pfn(), List.of("child")));
    }

    public ReadOnlyObjectProperty<CowBoard> boardProperty() {
        return board;
    }

    /** Live runs only: asks the parent or the child to write (or read) one page. */
    public boolean touch(String role, int page, boolean write) {
        int pid = "child".equals(role) ? childPid : parentPid;
        Side s = sides.get(pid);
        if (!control.live() || s == null || !s.column().mapped() || page < 0 || page >= pages) {
            return false;
        }
        return control.command(pid, write ? "write" : "read", Map.of("page", page));
    }

    /** Live runs only: both processes end (the child exits, the parent reaps it). */
    public void finish() {
        if (!control.live()) {
            return;
        }
        if (childPid > 0) {
            control.command(childPid, "exit", Map.of());
        }
        if (parentPid > 0) {
            control.command(parentPid, "exit", Map.of());
        }
    }

    /** True while a live run can take commands (the page clicks and Finish). */
    public ReadOnlyBooleanProperty liveProperty() {
        return live;
    }
}
