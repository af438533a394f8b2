package org.procstage.scenes.signals;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.signals.SignalBoard.Proc;
import org.procstage.ui.StateBadge;

/** A small card for a process beside the receiver: role, pid, kernel state, what happened to it. */
final class ProcBadge extends VBox {
    ProcBadge(Proc p, String extra) {
        setId("proc-" + p.role());
        getStyleClass().addAll("sig-proc", p.gone() ? "gone" : "alive");
        Label title = new Label(p.role() + "  pid " + p.pid());
        title.getStyleClass().add("sig-proc-title");
        String ended = p.fate().isEmpty() ? "ended" : p.fate();
        Label state = new Label(p.gone() ? ended + " · reaped" : p.state() + " " + StateBadge.describe(p.state()),
                p.gone() ? null : StateBadge.of(p.state(), 24));
        state.getStyleClass().add("sig-proc-state");
        state.setWrapText(true);
        HBox head = new HBox(10, title);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, state);
        for (String line : new String[] {p.gone() ? "" : p.fate(), p.gone() ? "" : p.note(), extra}) {
            if (line != null && !line.isEmpty()) {
                Label l = new Label(line);
                l.setWrapText(true);
                l.getStyleClass().add("sig-proc-line");
                getChildren().add(l);
            }
        }
        setPrefWidth(214);
        setMaxWidth(214);
    }
}
