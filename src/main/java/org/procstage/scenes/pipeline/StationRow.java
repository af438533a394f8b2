package org.procstage.scenes.pipeline;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.procstage.scenes.pipeline.PipelinePicture.Station;
import org.procstage.ui.StateBadge;

/** One process in the chain: name, PID, the kernel's state, what it does, its pipe descriptors. */
final class StationRow extends HBox {
    private final String placeholder;
    private final String elsewhere;
    private final HBox badge = new HBox();
    private final Label name = new Label();
    private final Label pid = new Label();
    private final Label status = new Label();
    private final Label activity = new Label();
    private final Label fds = new Label();
    private final Label unused = new Label();
    private char shownState;

    /** placeholder names the row before its process exists; elsewhere says where the process is now. */
    StationRow(String id, String placeholder, String elsewhere) {
        super(12);
        this.placeholder = placeholder;
        this.elsewhere = elsewhere;
        setId(id);
        getStyleClass().add("station");
        setAlignment(Pos.CENTER_LEFT);
        badge.setMinWidth(32);
        badge.setAlignment(Pos.CENTER);
        name.getStyleClass().add("station-name");
        pid.getStyleClass().add("station-pid");
        status.getStyleClass().add("station-status");
        activity.getStyleClass().add("station-activity");
        fds.getStyleClass().add("station-fds");
        unused.getStyleClass().add("station-unused");
        VBox who = new VBox(0, name, pid);
        who.setMinWidth(150);
        who.setPrefWidth(150);
        VBox what = new VBox(0, status, activity);
        what.setPrefWidth(400);
        what.setMinWidth(300);
        HBox.setHgrow(what, Priority.ALWAYS);
        VBox ends = new VBox(0, fds, unused);
        ends.setMinWidth(220);
        getChildren().addAll(badge, who, what, ends);
        show(null, "", true);
    }

    /** The state badge, to pulse when the state changes. */
    Node badge() {
        return badge;
    }

    /**
     * Shows s; extra replaces its last activity (e.g. the sentence). kernel=false shows the row as
     * not the process's current place (the root appears twice: first writing, then reading).
     * True when the state letter changed (worth a pulse).
     */
    boolean show(Station s, String extra, boolean kernel) {
        if (s != null && !kernel) {
            getStyleClass().removeAll("blocked", "gone", "absent");
            getStyleClass().add("gone");
            name.setText(s.name());
            pid.setText("PID " + s.pid());
            badge.getChildren().clear();
            status.setText(elsewhere);
            activity.setText(extra);
            fds.setText("");
            unused.setText("");
            shownState = 0;
            return false;
        }
        getStyleClass().removeAll("blocked", "gone", "absent");
        if (s == null) {
            name.setText(placeholder);
            pid.setText("not started");
            status.setText("");
            activity.setText(extra);
            fds.setText("");
            unused.setText("");
            badge.getChildren().clear();
            getStyleClass().add("absent");
            shownState = 0;
            return false;
        }
        name.setText(s.name());
        pid.setText("PID " + s.pid());
        char state = s.state();
        boolean changed = state != shownState;
        if (changed || badge.getChildren().isEmpty()) {
            badge.getChildren().setAll(StateBadge.of(state, 30));
        }
        shownState = state;
        if (s.reaped()) {
            status.setText("gone — reaped by root");
            getStyleClass().add("gone");
        } else if (s.exited()) {
            status.setText(state == 'Z' ? "Z zombie: exited, not yet reaped" : "exited");
            getStyleClass().add("gone");
        } else if (s.blockedOnInput()) {
            status.setText("▮▮ BLOCKED on input (" + s.wchan() + ")");
            getStyleClass().add("blocked");
        } else if (s.blockedOnOutput()) {
            status.setText("▮▮ BLOCKED on output (" + s.wchan() + ")");
            getStyleClass().add("blocked");
        } else if (s.wchan().contains("unix_stream_read")) {
            status.setText(state + " waits at its step point (Space)");
        } else if (s.wchan().contains("nanosleep")) {
            status.setText(state + " sleeping: slowed down on purpose");
        } else {
            status.setText(state + " " + StateBadge.describe(state) + (s.wchan().isEmpty() ? "" : " in " + s.wchan()));
        }
        String doing = extra.isEmpty() ? s.activity() : extra;
        if (s.blockedOnInput() && s.index() >= 0) {
            doing = "read(0, …) waits: pipe " + s.index() + " is empty";
        }
        activity.setText(doing);
        fds.setText(String.join("   ", s.fds()));
        unused.setText(s.unusedEnds() == 0 ? "" : "+ " + s.unusedEnds() + " unused ends open");
        return changed;
    }
}
