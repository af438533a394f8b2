package org.procstage.scenes.semaphore;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The room with its places, the semaphore's value, the queue of sleepers and a timeline that
 * proves how many were ever inside at once. Redrawn from one published picture per batch.
 */
public final class SemaphoreView implements SceneView {
    private final SemaphoreViewModel model;
    private final PlayerViewModel player;
    private final VBox root = new VBox(10);
    private final Label caption = new Label();
    private final Label queueTitle = new Label();
    private final GridPane queue = new GridPane();
    private final HBox places = new HBox(8);
    private final Label roomTitle = new Label();
    private final Label value = new Label();
    private final Label sleepers = new Label();
    private final SemaphoreTimeline timeline;
    private final ChangeListener<SemaphorePicture> onChange = (o, a, b) -> show(b, a);

    public SemaphoreView(SemaphoreViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        this.timeline = new SemaphoreTimeline(this::select);
        root.getStyleClass().add("semaphore-scene");
        Theme.useSceneStylesheet(root, "semaphore");
        root.setPadding(new Insets(8, 12, 8, 12));
        Theme.sceneCaption(caption, "semaphore-caption", 930);
        root.getChildren().addAll(caption, top(), timeline);
        model.pictureProperty().addListener(onChange);
        show(model.pictureProperty().get(), null);
    }

    private Node top() {
        queueTitle.getStyleClass().add("sem-box-title");
        queue.setHgap(6);
        queue.setVgap(6);
        queue.setId("sem-queue");
        Label queueNote = new Label("futex: /proc shows it asleep on one");
        queueNote.getStyleClass().add("sem-note");
        queueNote.setWrapText(true);
        VBox queueBox = box("sem-queue-box", 316, queueTitle, queueNote, queue);

        roomTitle.getStyleClass().add("sem-box-title");
        VBox roomBox = box("sem-room", 408, roomTitle, places);

        Label semTitle = new Label("sem_t room");
        semTitle.getStyleClass().add("sem-box-title");
        value.getStyleClass().add("sem-value");
        value.setId("sem-value");
        Label valueNote = new Label("its value, read with sem_getvalue() after each call");
        valueNote.getStyleClass().add("sem-note");
        valueNote.setWrapText(true);
        sleepers.getStyleClass().add("sem-note");
        sleepers.setWrapText(true);
        VBox semBox = box("sem-box", 190, semTitle, value, valueNote, sleepers);
        HBox top = new HBox(12, queueBox, roomBox, semBox);
        top.setAlignment(Pos.TOP_LEFT);
        return top;
    }

    private static VBox box(String style, double width, Node... children) {
        VBox box = new VBox(6, children);
        box.getStyleClass().addAll("sem-panel", style);
        box.setPrefWidth(width);
        box.setMinWidth(width);
        box.setMinHeight(150);
        return box;
    }

    private void show(SemaphorePicture p, SemaphorePicture before) {
        caption.setText(p.action().isEmpty() ? "Step to start: main makes the semaphore and forks ten workers"
                : p.action());
        queueTitle.setText("Asleep in sem_wait: " + p.queue().size());
        queue.getChildren().clear();
        for (int i = 0; i < p.queue().size(); i++) { // three a row: all seven sleepers fit
            int pid = p.queue().get(i);
            queue.add(clickable(chip(p.worker(pid), true), pid), i % 3, i / 3);
        }
        if (p.queue().isEmpty()) {
            Label none = new Label("nobody waits");
            none.getStyleClass().add("sem-note");
            queue.add(none, 0, 0);
        }
        roomTitle.setText("The room: " + p.insideNow() + " of " + p.places() + " places taken");
        places.getChildren().setAll(slots(p));
        value.setText(p.value() < 0 ? "?" : Integer.toString(p.value()));
        sleepers.setText(p.queue().isEmpty() ? "nobody asleep" : p.queue().size()
                + " asleep: counted by the app, as glibc's value never goes below 0");
        timeline.show(p);
        if (before != null && before.value() != p.value() && player.animateProperty().get()) {
            Animations.pulse(value).play();
        }
    }

    private List<Node> slots(SemaphorePicture p) {
        return java.util.stream.IntStream.range(0, p.places()).mapToObj(i -> {
            int pid = p.placePids().get(i);
            Label title = new Label("place " + (i + 1));
            title.getStyleClass().add("sem-slot-title");
            VBox slot = new VBox(4, title);
            slot.getStyleClass().addAll("sem-slot", pid == 0 ? "sem-slot-free" : "sem-slot-taken");
            slot.setPrefSize(124, 100);
            slot.setMinSize(124, 100);
            Worker w = p.worker(pid);
            if (pid == 0 || w == null) {
                Label free = new Label("free");
                free.getStyleClass().add("sem-slot-free-text");
                slot.getChildren().add(free);
            } else {
                slot.getChildren().add(clickable(chip(w, false), pid));
            }
            return (Node) slot;
        }).toList();
    }

    /** Clicking a worker shows the kernel's readings of it in the evidence panel. */
    private void select(int pid) {
        player.selectedPidProperty().set(pid);
    }

    private Node clickable(Node node, int pid) {
        node.setOnMouseClicked(e -> select(pid));
        node.setStyle("-fx-cursor: hand;");
        return node;
    }

    /**
     * A worker as a chip: kernel state badge and name; in a place also the pid; in the queue the
     * kernel's evidence ("futex" once /proc shows it asleep in a futex wait).
     */
    static Node chip(Worker w, boolean sleeper) {
        if (w == null) {
            return new Label("?");
        }
        Label name = new Label(w.name());
        name.getStyleClass().add("sem-chip-name");
        Label detail = new Label(sleeper ? (w.kernelSaysAsleepOnFutex() ? "futex" : "…") : "pid " + w.pid());
        detail.getStyleClass().add("sem-chip-pid");
        VBox text = new VBox(0, name, detail);
        HBox chip = new HBox(4, StateBadge.of(w.state(), 24), text);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().addAll("sem-chip", sleeper ? "sem-chip-asleep" : "sem-chip-inside");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        return chip;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.pictureProperty().removeListener(onChange);
    }
}
