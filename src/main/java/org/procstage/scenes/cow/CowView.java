package org.procstage.scenes.cow;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import org.procstage.scenes.cow.CowBoard.Column;
import org.procstage.scenes.cow.CowBoard.FrameRow;
import org.procstage.scenes.cow.CowBoard.Touch;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;

/**
 * Parent's pages | physical frames | child's pages, with an arrow from every mapped page to its
 * frame. A shared frame is one box with two arrows; after a copying write it splits in two.
 * Clicking a page (live) makes that process write it, or read it in "read" mode.
 */
public final class CowView implements SceneView {
    static final double PAGE_W = 250;
    static final double FRAME_W = 300;
    static final double GAP = 52;
    static final double ROW_H = 50;
    static final double ROW_GAP = 6;
    static final double HEADER_H = 92;

    private final CowViewModel model;
    private final PlayerViewModel player;
    private final BorderPane root = new BorderPane();
    private final Pane canvas = new Pane();
    private final Label caption = new Label();
    private final ToggleGroup clickMode = new ToggleGroup();
    private final NodeReuse nodes = new NodeReuse();
    private final HBox controls;
    private final ChangeListener<CowBoard> onBoard = (o, was, now) -> draw(was, now);

    public CowView(CowViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("cow");
        Theme.useSceneStylesheet(root, "cow");
        caption.getStyleClass().add("scene-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(PAGE_W * 2 + FRAME_W + GAP * 2);
        controls = controls();
        VBox top = new VBox(8, caption, controls);
        top.setPadding(new Insets(8, 12, 8, 12));
        root.setTop(top);
        canvas.getStyleClass().add("cow-canvas");
        VBox middle = new VBox(canvas);
        middle.setPadding(new Insets(0, 12, 0, 12));
        root.setCenter(middle);
        root.setBottom(CowLegend.build());
        model.boardProperty().addListener(onBoard);
        model.liveProperty().addListener((o, a, live) -> showControls(live));
        showControls(model.liveProperty().get());
        draw(null, model.boardProperty().get());
    }

    private HBox controls() {
        ToggleButton write = new ToggleButton("✎ Click writes");
        write.setId("cow-mode-write");
        write.setToggleGroup(clickMode);
        write.setSelected(true);
        ToggleButton read = new ToggleButton("Click reads");
        read.setId("cow-mode-read");
        read.setToggleGroup(clickMode);
        Button finish = new Button("Finish: child exits, parent reaps");
        finish.setId("cow-finish");
        finish.setOnAction(e -> model.finish());
        for (var b : List.of(write, read, finish)) {
            b.setFocusTraversable(false);
            b.getStyleClass().add("cow-control");
        }
        Label hint = new Label("Click a page: that process touches it.");
        hint.getStyleClass().add("cow-hint");
        HBox box = new HBox(10, write, read, finish, hint);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void showControls(boolean live) {
        controls.setVisible(live);
        controls.setManaged(live);
    }

    private boolean writeMode() {
        return clickMode.getSelectedToggle() == null || "cow-mode-write".equals(((ToggleButton) clickMode.getSelectedToggle()).getId());
    }

    private void draw(CowBoard was, CowBoard now) {
        caption.setText(now.caption());
        canvas.getChildren().clear();
        double frameX = PAGE_W + GAP;
        double childX = frameX + FRAME_W + GAP;
        int rows = now.parent() == null ? 8 : now.parent().pages().size();
        double width = childX + PAGE_W;
        double height = HEADER_H + rows * (ROW_H + ROW_GAP);
        canvas.setPrefSize(width, height);
        canvas.setMinSize(width, height);
        canvas.getChildren().addAll(
                header(0, now.parent() == null ? "Parent" : "Parent  pid " + now.parent().pid(), now.parent(), now.pageKb()),
                header(frameX, "Physical page frames", null, now.pageKb()),
                header(childX, now.child() == null ? "Child — not forked yet" : "Child  pid " + now.child().pid(),
                        now.child(), now.pageKb()));
        if (now.parent() == null) {
            Label none = new Label("Step to map and fill the region.");
            none.getStyleClass().add("cow-empty");
            none.relocate(0, HEADER_H + 20);
            canvas.getChildren().add(none);
            nodes.done();
            return;
        }
        boolean animate = player.animateProperty().get();
        Touch touch = now.lastTouch() != null && (was == null || !now.lastTouch().equals(was.lastTouch()))
                ? now.lastTouch() : null;
        boolean clickable = model.liveProperty().get();
        for (FrameRow row : now.frames()) {
            double y = HEADER_H + row.page() * (ROW_H + ROW_GAP);
            PageBox parentPage = page(now.parent(), row.page(), clickable, 0, y);
            PageBox childPage = now.child() == null ? null
                    : page(now.child(), row.page(), clickable && now.child().mapped(), childX, y);
            for (FrameBox.Slot slot : FrameBox.slots(row, frameX, FRAME_W)) {
                FrameBox box = nodes.get(slot.id(), slot, () -> FrameBox.of(slot, ROW_H));
                box.relocate(slot.x(), y);
                canvas.getChildren().add(box);
                if (nodes.appeared(slot.id())) { // the frame split (or joined): let the eye catch it
                    Animations.play(Animations.appear(box), animate, () -> {
                        box.setOpacity(1);
                        box.setScaleX(1);
                        box.setScaleY(1);
                    });
                }
                if (slot.frame().owners().contains("parent")) {
                    canvas.getChildren().add(Arrow.between(PAGE_W, y + ROW_H / 2, slot.x(), y + ROW_H / 2));
                }
                if (slot.frame().owners().contains("child") && now.child() != null && now.child().mapped()) {
                    canvas.getChildren().add(Arrow.between(childX, y + ROW_H / 2, slot.x() + slot.width(), y + ROW_H / 2));
                }
            }
            if (touch != null && touch.page() == row.page()) {
                PageBox touched = "child".equals(touch.role()) ? childPage : parentPage;
                if (touched != null && animate) {
                    Animations.pulse(touched).play();
                }
            }
            Touch last = now.lastTouch();
            if (last != null && last.page() == row.page()) {
                // On the page's top edge, where no text is: the parent's right end, just left of the child's page.
                FaultTag.of(last).ifPresent(tag -> {
                    tag.relocate("child".equals(last.role()) ? childX - FaultTag.WIDTH : PAGE_W - 80, y - 12);
                    canvas.getChildren().add(tag);
                });
            }
        }
        nodes.done();
    }

    private PageBox page(Column owner, int index, boolean clickable, double x, double y) {
        var content = java.util.List.of(owner.role(), owner.status(), owner.pages().get(index), clickable);
        PageBox box = nodes.get(owner.role() + "-page-" + index, content,
                () -> new PageBox(owner, owner.pages().get(index), clickable));
        box.relocate(x, y);
        box.setOnMouseClicked(e -> model.touch(owner.role(), index, writeMode()));
        canvas.getChildren().add(box);
        return box;
    }

    /** Column title and, for a process, the kernel's counters for the region. */
    private static Node header(double x, String text, Column column, int pageKb) {
        Label title = new Label(text);
        title.getStyleClass().add("cow-header");
        VBox box = new VBox(0, title);
        if (column != null) {
            box.getChildren().add(CounterBox.of(column, pageKb));
        } else if (text.startsWith("Physical")) {
            Label sub = new Label("numbers: pagemap, root only");
            sub.getStyleClass().add("cow-subheader");
            box.getChildren().add(sub);
        }
        box.relocate(x, 0);
        return box;
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
