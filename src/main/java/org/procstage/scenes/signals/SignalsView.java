package org.procstage.scenes.signals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.signals.SignalBoard.Proc;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The receiver's process control block as rows of bits, the buttons that really send signals
 * and change the receiver's mask and handlers, the delivery path of the latest signal, and the
 * other processes (the parent's SIGCHLD, the guard and its worker).
 */
public final class SignalsView implements SceneView {
    private final SignalsViewModel model;
    private final PlayerViewModel player;
    private final BorderPane root = new BorderPane();
    private final Label caption = new Label();
    private final VBox body = new VBox(10);
    private final ChangeListener<SignalBoard> onBoard = (o, was, now) -> draw(was, now);
    private final PcbGrid grid = new PcbGrid(this::select);
    private int selected = 12;
    private boolean receiverSelected;

    public SignalsView(SignalsViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("signals");
        Theme.useSceneStylesheet(root, "signals");
        caption.getStyleClass().add("scene-caption");
        caption.setId("signals-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(960);
        caption.setMinHeight(60);
        VBox top = new VBox(caption);
        top.setPadding(new Insets(8, 12, 4, 12));
        root.setTop(top);
        body.setPadding(new Insets(0, 12, 8, 12));
        root.setCenter(body);
        model.boardProperty().addListener(onBoard);
        model.liveProperty().addListener((o, a, b) -> draw(null, model.boardProperty().get()));
        draw(null, model.boardProperty().get());
    }

    private void select(int signo) {
        selected = signo;
        draw(null, model.boardProperty().get());
    }

    private void draw(SignalBoard was, SignalBoard now) {
        caption.setText(now.caption().isEmpty() ? "Step to start the receiver." : now.caption());
        Proc r = now.receiver();
        if (r != null && !receiverSelected) {
            // The evidence panel should show the receiver's /proc, the process this scene is about.
            receiverSelected = true;
            player.selectedPidProperty().set(r.pid());
        }
        grid.show(r == null ? SignalBoard.Bits.NONE : r.bits(), selected, player.animateProperty().get());
        body.getChildren().setAll(receiverLine(now), grid, actions(r), new DeliveryPath(now.delivery()), others(now));
    }

    private Node receiverLine(SignalBoard b) {
        Proc r = b.receiver();
        Label title = new Label(r == null ? "Receiver — not forked yet" : "Receiver  pid " + r.pid());
        title.getStyleClass().add("sig-receiver-title");
        HBox line = new HBox(14, title);
        line.setAlignment(Pos.CENTER_LEFT);
        if (r != null) {
            Label state = new Label(r.gone() ? "reaped" : r.state() + " " + StateBadge.describe(r.state()),
                    r.gone() ? null : StateBadge.of(r.state(), 28));
            state.setId("receiver-state");
            state.getStyleClass().add("sig-receiver-state");
            line.getChildren().add(state);
            if (!r.fate().isEmpty()) {
                Label fate = new Label(r.fate());
                fate.getStyleClass().add("sig-fate");
                line.getChildren().add(fate);
            }
        }
        Label runs = new Label(runsText(b.handlerRuns()));
        runs.setId("handler-runs");
        runs.getStyleClass().add("sig-runs");
        line.getChildren().add(runs);
        return line;
    }

    private static String runsText(Map<Integer, Integer> runs) {
        if (runs.isEmpty()) {
            return "handler runs: none yet";
        }
        return "handler runs: " + runs.entrySet().stream()
                .map(e -> SignalNames.name(e.getKey()) + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private Node actions(Proc r) {
        boolean usable = model.liveProperty().get() && r != null && !r.gone() && r.fate().isEmpty();
        Label what = new Label(SignalNames.sig(selected) + " (" + selected + "):");
        what.getStyleClass().add("sig-selected");
        HBox bar = new HBox(8, what,
                action("send-signal", "⚡ Send (kill)", usable, () -> model.send(selected)),
                action("block-signal", "Block", usable, () -> model.order("block", selected)),
                action("unblock-signal", "Unblock", usable, () -> model.order("unblock", selected)),
                action("catch-signal", "Install handler", usable, () -> model.order("handle", selected)),
                action("ignore-signal", "Ignore", usable, () -> model.order("ignore", selected)),
                action("default-signal", "Default", usable, () -> model.order("default", selected)));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("sig-actions");
        if (!model.liveProperty().get()) {
            Label hint = new Label("(live runs only)");
            hint.getStyleClass().add("sig-hint");
            bar.getChildren().add(hint);
        }
        return bar;
    }

    private static Button action(String id, String text, boolean enabled, Runnable run) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("sig-action");
        b.setDisable(!enabled);
        b.setFocusTraversable(false);
        b.setOnAction(e -> run.run());
        return b;
    }

    private static Node others(SignalBoard b) {
        HBox row = new HBox(10);
        if (b.parent() != null) {
            row.getChildren().add(new ProcBadge(b.parent(), ""));
        }
        b.others().forEach(p -> row.getChildren().add(new ProcBadge(p, "")));
        if (!b.refusals().isEmpty()) {
            VBox refused = new VBox(2);
            refused.setMaxWidth(250);
            refused.setId("refusals");
            refused.getStyleClass().add("sig-refusals");
            Label t = new Label("The kernel refused");
            t.getStyleClass().add("sig-proc-title");
            refused.getChildren().add(t);
            List.copyOf(b.refusals()).forEach(line -> {
                Label l = new Label(line);
                l.setWrapText(true);
                l.getStyleClass().add("sig-proc-line");
                refused.getChildren().add(l);
            });
            row.getChildren().add(refused);
        }
        return row;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.boardProperty().removeListener(onBoard);
    }
}
