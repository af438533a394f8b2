package org.procstage.scenes.pipe;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A process's descriptor table as /proc/PID/fd shows it: which end of which pipe it holds. */
final class FdTable {
    static final double WIDTH = 306;

    private FdTable() {
    }

    /** warnWriteEnd: mark a write end of the current pipe as the one keeping EOF away. */
    static VBox of(String who, PipeScene.Proc p, long currentPipe, boolean warnWriteEnd) {
        VBox box = new VBox();
        box.getStyleClass().add("fd-table");
        box.setPrefWidth(WIDTH);
        box.setMinWidth(WIDTH);
        Label title = new Label(who + " · PID " + p.pid() + " · fd table");
        title.getStyleClass().add("fd-title");
        box.getChildren().add(title);
        if (p.gone()) {
            box.getChildren().add(row("(reaped: all closed)", "muted"));
            return box;
        }
        if (!p.fdsSeen()) {
            box.getChildren().add(row("(not read from /proc yet)", "muted"));
            return box;
        }
        if (p.fds().isEmpty()) {
            box.getChildren().add(row("no pipe end", "muted"));
        }
        for (PipeScene.Fd fd : p.fds()) {
            long inode = fd.pipeInode();
            boolean write = "write".equals(fd.end());
            String text = String.format("%2d %s %-5s pipe:[%d]", fd.fd(), write ? "▶" : "◀", write ? "write" : "read", inode);
            boolean warn = write && warnWriteEnd && inode == currentPipe;
            box.getChildren().add(row(text + (warn ? " ⚠" : ""), warn ? "warn" : write ? "write-end" : "read-end"));
            if (warn) {
                box.getChildren().add(row("⚠ keeps EOF away: still open", "warn"));
            }
        }
        if (!p.fdsCurrent()) {
            box.getChildren().add(row("(changed: awaiting /proc)", "muted"));
        }
        return box;
    }

    private static Label row(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("fd-row", style);
        return l;
    }
}
