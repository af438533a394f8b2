package org.procstage.scenes.pipe;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.ui.StateBadge;

/** One writer or reader: what it did last, what the kernel says it is doing, its buttons. */
final class ProcessPanel {
    static final double WIDTH = 230;

    private ProcessPanel() {
    }

    /** The buttons a live card offers while its process waits at a step point. */
    record Actions(Runnable step, Runnable readOne, Runnable readAll, Runnable closeWrite) {
    }

    static VBox card(PipeScene.Proc p, Actions actions) {
        VBox card = new VBox();
        card.getStyleClass().add("pipe-card");
        card.setPrefWidth(WIDTH);
        card.setMaxWidth(WIDTH);
        Label role = new Label(p.name().isEmpty() ? p.role() : p.name());
        role.getStyleClass().add("card-role");
        role.setMinWidth(Label.USE_PREF_SIZE);
        Label pid = new Label("PID " + p.pid());
        pid.getStyleClass().add("card-pid-small");
        HBox title = new HBox(8, role, pid);
        title.setAlignment(Pos.BASELINE_LEFT);
        Label state = new Label(p.state() + " " + StateBadge.describe(p.state()));
        state.getStyleClass().add("card-line");
        HBox stateRow = new HBox(8, StateBadge.of(p.state(), 26), state);
        stateRow.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().add(title);
        if (p.gone()) { // compact: only what became of it
            card.getStyleClass().add("gone");
            card.getChildren().add(wrapped((p.outcome().isEmpty() ? "exited" : p.outcome()) + " · reaped", "card-outcome"));
            if (p.outcome().contains("signal")) {
                card.getStyleClass().add("killed");
            }
            card.getChildren().add(wrapped(p.isReader() ? "read " + p.read() + " B in all" : "wrote " + p.written() + " B in all",
                    "card-line"));
            return card;
        }
        card.getChildren().add(stateRow);
        boolean inWrite = p.asleepIn("pipe_write");
        boolean inRead = p.asleepIn("pipe_read");
        if (actions != null) { // a live process at a step point: it waits for the student, not for the pipe
            card.getChildren().add(wrapped("❚❚ at a step point: waits for your Step", "card-blocked"));
        } else if (inWrite || inRead) {
            card.getStyleClass().add("blocked");
            card.getChildren().add(wrapped((inWrite ? "❚❚ blocked in write(): " : "❚❚ blocked in read(): ") + p.wchan(),
                    "card-blocked"));
        } else if (!p.wchan().isEmpty()) {
            card.getChildren().add(wrapped("waits in " + p.wchan(), "card-line"));
        }
        if (!p.lastOp().isEmpty()) {
            card.getChildren().add(wrapped(p.lastOp(), "card-op"));
        }
        String totals = p.isReader() ? "read " + p.read() + " B in all" : "wrote " + p.written() + " B in all";
        card.getChildren().add(wrapped(totals, "card-line"));
        if (!p.outcome().isEmpty()) {
            card.getChildren().add(wrapped(p.outcome(), "card-outcome"));
            if (p.outcome().contains("signal")) {
                card.getStyleClass().add("killed");
            }
        }
        if (actions != null) {
            card.getChildren().add(buttons(p, actions));
        }
        return card;
    }

    private static Node buttons(PipeScene.Proc p, Actions a) {
        List<Button> list = new ArrayList<>();
        list.add(button("Step ▶", "step-" + p.role(), a.step()));
        if (a.readOne() != null) {
            list.add(button("Read 512 B", "read-one", a.readOne()));
        }
        if (a.readAll() != null) {
            list.add(button("Read all", "read-all", a.readAll()));
        }
        if (a.closeWrite() != null) {
            list.add(button("Close write end", "close-write", a.closeWrite()));
        }
        FlowPane row = new FlowPane(6, 6);
        row.setPrefWrapLength(WIDTH - 20);
        row.getChildren().addAll(list);
        return row;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMaxWidth(WIDTH - 20);
        return l;
    }
}
