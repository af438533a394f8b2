package org.procstage.scenes.race;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.mutex.Padlock;
import org.procstage.ui.StateBadge;

/** One process of a round: who it is, what the kernel says, its own copy of what it read. */
final class RaceWorkerCard extends VBox {
    static final double WIDTH = 300;

    private final Label title = new Label();
    private final HBox stateRow = new HBox(8);
    private final Label stateText = new Label();
    private final Label wchanText = new Label();
    private final Label seen = new Label();
    private final Label doing = new Label();
    private final HBox lockRow = new HBox(8);
    private final Label lockText = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Button step = new Button();
    private char shownState = 0;
    private String shownLock = "";

    RaceWorkerCard(String role, Runnable onStep) {
        getStyleClass().add("race-worker");
        setPrefWidth(WIDTH);
        setMinWidth(230);
        setMaxWidth(400);
        setSpacing(4);
        title.getStyleClass().add("race-worker-title");
        stateText.getStyleClass().add("race-worker-state");
        wchanText.getStyleClass().add("race-wchan");
        stateRow.setAlignment(Pos.CENTER_LEFT);
        stateRow.getChildren().add(stateText);
        seen.getStyleClass().add("race-seen");
        doing.getStyleClass().add("race-doing");
        doing.setWrapText(true);
        lockRow.setAlignment(Pos.CENTER_LEFT);
        lockText.getStyleClass().add("race-lock-text");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.getStyleClass().add("race-progress-text");
        step.setId("step-" + role);
        step.getStyleClass().add("race-step");
        step.setText("Step " + role + " ▶");
        step.setFocusTraversable(false);
        step.setOnAction(e -> onStep.run());
        step.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(title, stateRow, wchanText, seen, doing, lockRow, progress, progressText, step);
    }

    void show(RaceState.Worker w, RaceState.Round round) {
        String roleName = w.reader() ? "Reader R" : "Worker " + w.role();
        title.setText(roleName + " · PID " + w.pid());
        if (w.state() != shownState) {
            shownState = w.state();
            stateRow.getChildren().setAll(StateBadge.of(w.state(), 26), stateText);
        }
        stateText.setText("kernel: " + w.state() + " " + StateBadge.describe(w.state()));
        wchanText.setText(w.wchan().isEmpty() ? "" : w.wchan().contains("futex") ? "in " + w.wchan() + ": asleep on the lock"
                : w.wchan().startsWith("unix_stream") ? "waits at a step point, for you" : "in " + w.wchan());
        wchanText.setVisible(!w.wchan().isEmpty());
        wchanText.setManaged(!w.wchan().isEmpty());
        if (w.reader()) {
            RaceState.Check c = w.lastCheck();
            seen.setText(c == null ? "no check yet"
                    : "check: " + c.field1() + (c.torn() ? " ≠ " : " = ") + c.field2() + (c.torn() ? "  TORN" : "  whole"));
            seen.getStyleClass().remove("race-torn");
            if (c != null && c.torn()) {
                seen.getStyleClass().add("race-torn");
            }
        } else {
            seen.setText(round.byHand() ? "own copy: " + (w.seen() == null ? "—" : "read " + w.seen())
                    : "increments done: " + String.format("%,d", w.done()));
        }
        doing.setText(w.doing());
        String lock = w.holdsLock() ? "holds" : w.waitsForLock() ? "waits" : round.locked() ? "free" : "";
        if (!lock.equals(shownLock)) {
            shownLock = lock;
            lockRow.getChildren().clear();
            if (!lock.isEmpty()) {
                lockRow.getChildren().addAll(Padlock.of(!lock.equals("free"), 24,
                        switch (lock) {
                            case "holds" -> "padlock-closed";
                            case "waits" -> "padlock-other";
                            default -> "padlock-open";
                        }), lockText);
            }
        }
        lockText.setText(switch (lock) {
            case "holds" -> "HOLDS the lock";
            case "waits" -> "waits for the lock";
            case "free" -> "does not hold the lock";
            default -> "";
        });
        getStyleClass().removeAll("race-holds", "race-waits", "race-exited");
        if (w.holdsLock()) {
            getStyleClass().add("race-holds");
        } else if (w.waitsForLock()) {
            getStyleClass().add("race-waits");
        }
        if (w.exited()) {
            getStyleClass().add("race-exited");
        }
        boolean fullSpeed = !round.byHand() && !w.reader();
        progress.setVisible(fullSpeed);
        progress.setManaged(fullSpeed);
        progressText.setVisible(fullSpeed);
        progressText.setManaged(fullSpeed);
        if (fullSpeed && round.perWorker() > 0) {
            progress.setProgress((double) w.done() / round.perWorker());
            progressText.setText(String.format("%,d of %,d", w.done(), round.perWorker()));
        }
        step.setVisible(round.byHand());
        step.setManaged(round.byHand());
    }

    void stepEnabled(boolean enabled) {
        step.setDisable(!enabled);
    }
}
