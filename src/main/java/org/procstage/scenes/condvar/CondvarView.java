package org.procstage.scenes.condvar;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The monitor: three process cards, the mutex and its owner, the condition variable's sleepers,
 * the shared number with its history, and the kernel's CPU time for each way of waiting.
 */
public final class CondvarView implements SceneView {
    private static final List<String> ROLES = List.of("producer", "consumer", "busy");

    private final CondvarViewModel model;
    private final PlayerViewModel player;
    private final VBox root = new VBox(10);
    private final Label caption = new Label();
    private final HBox cards = new HBox(12);
    private final VBox mutexBox = panel("cv-mutex", 300);
    private final VBox condBox = panel("cv-cond", 300);
    private final Label number = new Label();
    private final FlowPane history = new FlowPane(5, 5);
    private final CpuTimeChart cpu = new CpuTimeChart();
    private final ChangeListener<CondvarPicture> onChange = (o, a, b) -> show(b, a);

    public CondvarView(CondvarViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("condvar-scene");
        Theme.useSceneStylesheet(root, "condvar");
        root.setPadding(new Insets(8, 12, 8, 12));
        Theme.sceneCaption(caption, "condvar-caption", 930);
        number.getStyleClass().add("cv-number");
        number.setId("cv-number");
        history.setPrefWrapLength(300);
        Label numberTitle = new Label("int number (shared)");
        numberTitle.getStyleClass().add("cv-box-title");
        VBox numberBox = panel("cv-number-box", 316);
        numberBox.getChildren().addAll(numberTitle, number, history);
        HBox monitor = new HBox(12, mutexBox, condBox, numberBox);
        root.getChildren().addAll(caption, cards, monitor, cpu, legend());
        model.pictureProperty().addListener(onChange);
        show(model.pictureProperty().get(), null);
    }

    private static VBox panel(String style, double width) {
        VBox box = new VBox(6);
        box.getStyleClass().addAll("cv-panel", style);
        box.setPrefWidth(width);
        box.setMinWidth(width);
        box.setMinHeight(170);
        return box;
    }

    private void show(CondvarPicture p, CondvarPicture before) {
        caption.setText(p.action().isEmpty()
                ? "Step to start: main makes a mutex and a condition variable, then forks three processes" : p.action());
        cards.getChildren().setAll(ROLES.stream().map(r -> card(r, p.role(r))).toList());
        showMutex(p);
        showCond(p);
        Integer last = p.numbers().isEmpty() ? null : p.numbers().get(p.numbers().size() - 1).value();
        number.setText(last == null ? "0" : Integer.toString(last));
        number.getStyleClass().remove("cv-number-lucky");
        if (last != null && last == 22) {
            number.getStyleClass().add("cv-number-lucky");
        }
        history.getChildren().setAll(p.numbers().stream().map(CondvarView::written).toList());
        cpu.show(p);
        if (before != null && before.numbers().size() != p.numbers().size() && player.animateProperty().get()) {
            Animations.pulse(number).play();
        }
    }

    private static Node written(CondvarPicture.Written w) {
        Label l = new Label(w.value() == 22 ? "★22" + (w.forced() ? " (forced)" : "") : Integer.toString(w.value()));
        l.getStyleClass().addAll("cv-written", w.value() == 22 ? "cv-written-lucky" : "cv-written-plain");
        return l;
    }

    private Node card(String role, Actor a) {
        Label title = new Label(switch (role) {
            case "producer" -> "Producer";
            case "consumer" -> "Consumer: cond_wait";
            default -> "Busy consumer: spins";
        });
        title.getStyleClass().add("cv-card-title");
        VBox card = new VBox(3, title);
        card.getStyleClass().addAll("cv-card", "cv-card-" + role);
        card.setPrefWidth(306);
        card.setMinWidth(306);
        card.setMinHeight(138);
        if (a == null) {
            Label none = new Label("not started");
            none.getStyleClass().add("cv-note");
            card.getChildren().add(none);
            return card;
        }
        Label pid = new Label("pid " + a.pid());
        pid.getStyleClass().add("cv-card-pid");
        Label kernel = new Label(a.kernelWords());
        kernel.getStyleClass().add("cv-card-kernel");
        kernel.setWrapText(true);
        HBox state = new HBox(8, StateBadge.of(a.state(), 28), kernel);
        state.setAlignment(Pos.CENTER_LEFT);
        Label doing = new Label(a.doing());
        doing.getStyleClass().add("cv-card-doing");
        doing.setWrapText(true);
        card.getChildren().addAll(pid, state, doing);
        card.setOnMouseClicked(e -> player.selectedPidProperty().set(a.pid()));
        card.setStyle("-fx-cursor: hand;");
        if (player.selectedPidProperty().get() == a.pid()) {
            card.getStyleClass().add("cv-card-selected");
        }
        return card;
    }

    private void showMutex(CondvarPicture p) {
        Label title = new Label("pthread_mutex_t mutex");
        title.getStyleClass().add("cv-box-title");
        Label owner = new Label(p.mutexOwner() == 0 ? "free" : "held by " + p.name(p.mutexOwner()));
        owner.getStyleClass().addAll("cv-owner", p.mutexOwner() == 0 ? "cv-owner-free" : "cv-owner-held");
        owner.setId("cv-mutex-owner");
        mutexBox.getChildren().setAll(title, owner, small(p.mutexWaiters().isEmpty() ? "nobody waits for it"
                : "waiting for it:"));
        for (int pid : p.mutexWaiters()) {
            mutexBox.getChildren().add(chip(p, pid, p.signalled().contains(pid) ? "woken by the signal" : "blocked"));
        }
    }

    private void showCond(CondvarPicture p) {
        Label title = new Label("pthread_cond_t lucky");
        title.getStyleClass().add("cv-box-title");
        condBox.getChildren().setAll(title, small(p.condQueue().isEmpty() ? "nobody sleeps in cond_wait"
                : "asleep in cond_wait (mutex released):"));
        for (int pid : p.condQueue()) {
            condBox.getChildren().add(chip(p, pid, "asleep"));
        }
        if (!p.signalled().isEmpty()) {
            condBox.getChildren().add(small("signalled, woken up: " + p.signalled().size()));
        }
    }

    private Node chip(CondvarPicture p, int pid, String what) {
        Actor a = p.actor(pid);
        Label l = new Label(p.name(pid) + ": " + what, StateBadge.of(a == null ? '?' : a.state(), 24));
        l.getStyleClass().add("cv-chip");
        l.setWrapText(true);
        l.setMaxWidth(280);
        l.setOnMouseClicked(e -> player.selectedPidProperty().set(pid));
        return l;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cv-note");
        l.setWrapText(true);
        return l;
    }

    private static Node legend() {
        HBox legend = new HBox(20);
        legend.getStyleClass().add("cv-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (char s : new char[] {'R', 'S', 'Z'}) {
            legend.getChildren().add(new Label(StateBadge.describe(s), StateBadge.of(s, 22)));
        }
        Label dashed = new Label("dashed: waiting for something");
        dashed.getStyleClass().add("cv-chip");
        legend.getChildren().addAll(dashed, new Label("1 tick = 10 ms of CPU"));
        return legend;
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
