package org.procstage.scenes.forktree;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.ui.StateBadge;

/** One process drawn as a card: PID, program, its own copies of the variables, kernel state. */
final class ProcessCard extends VBox {
    static final double WIDTH = 280;
    static final double HEIGHT = 150;

    private final Label pid = new Label();
    private final Label program = new Label();
    private final Label vars = new Label();
    private final Label stateText = new Label();
    private final Label detail = new Label();
    private final HBox stateRow = new HBox(8);
    private ProcessNode shown;

    ProcessCard() {
        getStyleClass().add("process-card");
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        setAlignment(Pos.TOP_LEFT);
        pid.getStyleClass().add("card-pid");
        program.getStyleClass().add("card-program");
        vars.getStyleClass().add("card-vars");
        stateText.getStyleClass().add("card-state");
        detail.getStyleClass().add("card-detail");
        stateRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(pid, program, vars, stateRow, detail);
    }

    /** True when the state letter changed (worth a pulse). */
    boolean show(ProcessNode n, boolean selected, String pausedAt) {
        boolean stateChanged = shown == null || shown.state() != n.state();
        shown = n;
        pid.setText("PID " + n.pid());
        program.setText(n.stage() ? "stage (subreaper)" : n.program());
        vars.setText(n.global() == null ? (n.stage() ? "adopts orphans" : "—")
                : "global=" + n.global() + "  local=" + n.local());
        if (stateChanged || stateRow.getChildren().isEmpty()) {
            stateRow.getChildren().setAll(StateBadge.of(n.state(), 28), stateText);
        }
        String state = n.state() + " " + StateBadge.describe(n.state());
        if (n.zombie()) {
            state = "Z ZOMBIE";
        }
        stateText.setText(state);
        StringBuilder d = new StringBuilder();
        if (n.exited()) {
            d.append(n.exitSignal() != null ? "killed by signal " + n.exitSignal() : "exit(" + n.exitCode() + ")");
            d.append(n.zombie() ? ", waiting to be reaped" : "");
        } else if (pausedAt != null) {
            d.append("‖ paused at step: ").append(pausedAt);
        } else if (!n.wchan().isEmpty()) {
            d.append("waits in ").append(n.wchan());
        }
        if (n.adoptedFrom() > 0) {
            d.append(d.length() > 0 ? " · " : "").append("adopted from ").append(n.adoptedFrom());
        }
        detail.setText(d.toString());
        getStyleClass().removeAll("zombie", "selected", "stage", "exited", "paused");
        if (pausedAt != null) {
            getStyleClass().add("paused");
        }
        if (n.zombie()) {
            getStyleClass().add("zombie");
        }
        if (n.exited()) {
            getStyleClass().add("exited");
        }
        if (n.stage()) {
            getStyleClass().add("stage");
        }
        if (selected) {
            getStyleClass().add("selected");
        }
        return stateChanged;
    }
}
