package org.procstage.scenes.fifo;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.fdtable.FdEnd;
import org.procstage.scenes.fifo.FifoPicture.Proc;
import org.procstage.ui.StateBadge;

/** One process of the fifo scene: role, PID, the kernel's state and wait channel, its FIFO fds. */
final class FifoProcessCard extends VBox {
    static final double WIDTH = 236;

    private final String role;
    private final Label title = new Label();
    private final Label pid = new Label();
    private final HBox stateRow = new HBox(8);
    private final Label stateText = new Label();
    private final Label waits = new Label();
    private final Label activity = new Label();
    private final Label fds = new Label();
    private char shownState = 0;

    FifoProcessCard(String role) {
        this.role = role;
        setId("fifo-card-" + role);
        getStyleClass().add("fifo-card");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setMinHeight(130);
        title.getStyleClass().add("fifo-card-title");
        pid.getStyleClass().add("fifo-card-pid");
        stateText.getStyleClass().add("fifo-card-state");
        waits.getStyleClass().add("fifo-card-waits");
        activity.getStyleClass().add("fifo-card-activity");
        fds.getStyleClass().add("fifo-card-fds");
        for (Label l : new Label[] {stateText, waits, activity, fds}) {
            l.setWrapText(true);
        }
        stateRow.setAlignment(Pos.CENTER_LEFT);
        HBox head = new HBox(10, title, pid);
        head.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(head, stateRow, waits, activity, fds);
        show(null);
    }

    /** Shows p (null: the process does not exist yet). True when the state letter changed. */
    boolean show(Proc p) {
        getStyleClass().removeAll("absent", "blocked", "gone");
        waits.getStyleClass().remove("plain");
        if (p == null) {
            title.setText(role);
            pid.setText("");
            stateRow.getChildren().clear();
            waits.setText("");
            activity.setText("not started yet");
            fds.setText("");
            getStyleClass().add("absent");
            shownState = 0;
            return false;
        }
        title.setText(role);
        pid.setText("PID " + p.pid());
        char state = p.reaped() ? 'X' : p.state();
        boolean changed = state != shownState;
        if (changed || stateRow.getChildren().isEmpty()) {
            stateRow.getChildren().setAll(StateBadge.of(state, 28), stateText);
        }
        shownState = state;
        stateText.setText(p.reaped() ? "gone (reaped)" : p.state() + " " + StateBadge.describe(p.state()));
        if (p.waitsForPartner()) {
            waits.setText("▮▮ BLOCKED in open()\nwchan " + p.wchan());
            getStyleClass().add("blocked");
        } else if (p.waitsForData()) {
            waits.setText("▮▮ BLOCKED in read()\nwchan " + p.wchan());
            getStyleClass().add("blocked");
        } else {
            waits.setText(p.wchan().isEmpty() || p.exited() ? "" : p.wchan().contains("nanosleep")
                    ? "sleeps on purpose (nanosleep)" : p.wchan().contains("unix_stream_read")
                    ? "waits at its step point" : "wchan " + p.wchan());
            waits.getStyleClass().add("plain");
        }
        activity.setText(p.activity());
        StringBuilder f = new StringBuilder();
        for (FdEnd end : p.fifoEnds()) {
            f.append(f.length() > 0 ? ", " : "/proc: fd ").append(end.fd()).append(' ').append(end.access())
                    .append(end.nonblocking() ? "+nb" : "");
        }
        fds.setText(f.toString());
        if (p.reaped() || p.exited()) {
            getStyleClass().add("gone");
        }
        return changed;
    }
}
