package org.procstage.scenes.pipe;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A process's descriptor table as /proc/PID/fd shows it: which end of which pipe it holds. */
final class FdTable {
    private FdTable() {
    }

    /** warnWriteEnd: mark a write end of the current pipe as the one keeping EOF away. */
    static VBox of(String who, PipeScene.Proc p, long currentPipe, boolean warnWriteEnd) {
        VBox box = new VBox();
        box.getStyleClass().add("fd-table");
        Label title = new Label(who + " · PID " + p.pid() + " — descriptors");
        title.getStyleClass().add("fd-title");
        box.getChildren().add(title);
        if (p.gone()) {
            box.getChildren().add(row("(exited and reaped: the kernel closed them all)", "muted"));
            return box;
        }
        if (!p.fdsSeen()) {
            box.getChildren().add(row("(not read from /proc yet)", "muted"));
            return box;
        }
        if (p.fds().isEmpty() && p.otherFds() == 0) {
            box.getChildren().add(row(p.gone() ? "(gone)" : "(none: the process has exited)", "muted"));
            return box;
        }
        if (p.fds().isEmpty()) {
            box.getChildren().add(row("no pipe end", "muted"));
        }
        for (PipeScene.Fd fd : p.fds()) {
            long inode = fd.pipeInode();
            boolean write = "write".equals(fd.end());
            String text = String.format("%2d %s %s end  pipe:[%d]", fd.fd(), write ? "▶" : "◀", write ? "write" : "read", inode);
            boolean warn = write && warnWriteEnd && inode == currentPipe;
            box.getChildren().add(row(text + (warn ? "  ⚠ keeps EOF away" : ""),
                    warn ? "warn" : write ? "write-end" : "read-end"));
        }
        if (!p.fdsCurrent()) {
            box.getChildren().add(row("(changed since: awaiting the next /proc reading)", "muted"));
        }
        if (p.otherFds() > 0) {
            box.getChildren().add(row("+ " + p.otherFds() + " others (stdin, output, ProcStage socket)", "muted"));
        }
        return box;
    }

    private static Label row(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("fd-row", style);
        return l;
    }
}
