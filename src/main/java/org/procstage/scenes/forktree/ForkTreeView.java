package org.procstage.scenes.forktree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.StateBadge;

/** The animated process tree: cards appear on fork, turn into zombies, move when adopted, leave when reaped. */
public final class ForkTreeView implements SceneView {
    private static final double COLUMN = ProcessCard.WIDTH + 28;
    private static final double ROW = ProcessCard.HEIGHT + 60;
    private static final double MARGIN = 24;

    private final ForkTreeViewModel model;
    private final PlayerViewModel player;
    private final BorderPane root = new BorderPane();
    private final Pane canvas = new Pane();
    private final Pane edges = new Pane();
    private final Pane cards = new Pane();
    private final Map<Integer, ProcessCard> byPid = new HashMap<>();
    private final Label caption = new Label();
    private final Label crashes = new Label();
    private final ListChangeListener<ProcessNode> onChange = c -> reconcile();

    public ForkTreeView(ForkTreeViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("fork-tree");
        edges.setMouseTransparent(true);
        canvas.getChildren().addAll(edges, cards);
        caption.getStyleClass().add("scene-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.actionProperty());
        crashes.getStyleClass().add("crash-banner");
        crashes.visibleProperty().bind(crashes.textProperty().isNotEmpty());
        model.crashes().addListener((ListChangeListener<String>) c -> crashes.setText(String.join("; ", model.crashes())));
        caption.setMaxWidth(1150);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox top = new VBox(6, caption, crashes, legend());
        top.setPadding(new Insets(8, 12, 8, 12));
        root.setTop(top);
        root.setCenter(canvas);
        root.setRight(ledger());
        model.processes().addListener(onChange);
        player.selectedPidProperty().addListener((o, a, b) -> reconcile());
        player.gates().addListener((ListChangeListener<org.procstage.run.StepGates.Gate>) c -> reconcile());
        reconcile();
    }

    private void reconcile() {
        List<ProcessNode> now = model.processes();
        Map<Integer, TreeLayout.Position> layout = TreeLayout.layout(now);
        boolean animate = player.animateProperty().get();
        Set<Integer> present = new HashSet<>();
        for (ProcessNode n : now) {
            present.add(n.pid());
            TreeLayout.Position pos = layout.get(n.pid());
            double x = MARGIN + pos.column() * COLUMN;
            double y = MARGIN + pos.row() * ROW;
            ProcessCard card = byPid.get(n.pid());
            boolean selected = player.selectedPidProperty().get() == n.pid();
            String pausedAt = player.gates().stream().filter(g -> g.pid() == n.pid()).findFirst()
                    .map(org.procstage.run.StepGates.Gate::name).orElse(null);
            if (card == null) {
                ProcessCard fresh = new ProcessCard();
                byPid.put(n.pid(), fresh);
                fresh.setOnMouseClicked(e -> player.selectedPidProperty().set(n.pid()));
                ProcessCard parent = byPid.get(n.ppid());
                fresh.relocate(parent != null ? parent.getLayoutX() : x, parent != null ? parent.getLayoutY() : y);
                fresh.show(n, selected, pausedAt);
                cards.getChildren().add(fresh);
                Animations.play(Animations.appear(fresh), animate, () -> {
                    fresh.setOpacity(1);
                    fresh.setScaleX(1);
                    fresh.setScaleY(1);
                });
                Animations.play(Animations.moveTo(fresh, x, y), animate, () -> fresh.relocate(x, y));
            } else {
                if (card.show(n, selected, pausedAt) && animate) {
                    Animations.pulse(card).play();
                }
                if (card.getLayoutX() != x || card.getLayoutY() != y) {
                    Animations.play(Animations.moveTo(card, x, y), animate, () -> card.relocate(x, y));
                }
            }
        }
        for (Integer gone : List.copyOf(byPid.keySet())) {
            if (!present.contains(gone)) {
                ProcessCard card = byPid.remove(gone);
                Animations.play(Animations.vanish(card), animate, () -> cards.getChildren().remove(card));
            }
        }
        drawEdges(now);
        double width = MARGIN * 2 + layout.values().stream().mapToDouble(TreeLayout.Position::column).max().orElse(0) * COLUMN
                + ProcessCard.WIDTH;
        double height = MARGIN * 2 + layout.values().stream().mapToInt(TreeLayout.Position::row).max().orElse(0) * ROW
                + ProcessCard.HEIGHT;
        canvas.setMinSize(width, height);
        canvas.setPrefSize(width, height);
    }

    private void drawEdges(List<ProcessNode> now) {
        edges.getChildren().clear();
        for (ProcessNode n : now) {
            ProcessCard child = byPid.get(n.pid());
            ProcessCard parent = byPid.get(n.ppid());
            if (child == null || parent == null) {
                continue;
            }
            Line line = new Line();
            line.getStyleClass().add(n.adoptedFrom() > 0 ? "edge-adopted" : "edge");
            if (n.adoptedFrom() > 0) {
                line.getStrokeDashArray().addAll(10.0, 8.0);
            }
            line.startXProperty().bind(parent.layoutXProperty().add(ProcessCard.WIDTH / 2));
            line.startYProperty().bind(parent.layoutYProperty().add(ProcessCard.HEIGHT));
            line.endXProperty().bind(child.layoutXProperty().add(ProcessCard.WIDTH / 2));
            line.endYProperty().bind(child.layoutYProperty());
            edges.getChildren().add(line);
        }
    }

    /** Who has left the tree and what their parents learned from wait(): the lesson's summary. */
    private Node ledger() {
        Label title = new Label("Exited and reaped");
        title.getStyleClass().add("ledger-title");
        Label empty = new Label("nobody yet: a process leaves the tree when its parent's wait() reaps it");
        empty.setWrapText(true);
        empty.getStyleClass().add("ledger-empty");
        VBox rows = new VBox(6);
        VBox box = new VBox(8, title, empty, rows);
        box.getStyleClass().add("ledger");
        box.setPadding(new Insets(10, 12, 10, 12));
        box.setPrefWidth(340);
        box.setMaxWidth(340);
        Runnable refresh = () -> {
            rows.getChildren().clear();
            for (ReapedProcess r : model.reaped()) {
                Label row = new Label(r.describe());
                row.setWrapText(true);
                row.getStyleClass().add("ledger-row");
                rows.getChildren().add(row);
            }
            empty.setVisible(model.reaped().isEmpty());
            empty.setManaged(model.reaped().isEmpty());
        };
        model.reaped().addListener((ListChangeListener<ReapedProcess>) c -> refresh.run());
        refresh.run();
        return box;
    }

    private Node legend() {
        HBox legend = new HBox(22);
        legend.getStyleClass().add("legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(8, 12, 8, 12));
        for (char s : new char[] {'R', 'S', 'T', 'Z'}) {
            Label l = new Label(StateBadge.describe(s), StateBadge.of(s, 24));
            legend.getChildren().add(l);
        }
        Line solid = new Line(0, 0, 40, 0);
        solid.getStyleClass().add("edge");
        Line dashed = new Line(0, 0, 40, 0);
        dashed.getStyleClass().add("edge-adopted");
        dashed.getStrokeDashArray().addAll(10.0, 8.0);
        legend.getChildren().addAll(new Label("parent → child", solid), new Label("adopted orphan", dashed));
        return legend;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.processes().removeListener(onChange);
    }
}
