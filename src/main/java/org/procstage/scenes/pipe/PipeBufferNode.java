package org.procstage.scenes.pipe;

import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.procstage.ui.Animations;

/**
 * The pipe's buffer drawn to scale: the tube's length is its capacity (F_GETPIPE_SZ), dashed
 * cells are its 4096-byte pages, and the data — FIONREAD's count — sits at the reader's end.
 */
final class PipeBufferNode extends VBox {
    static final double TUBE_MAX = 390;
    private static final double TUBE_HEIGHT = 64;

    private final Label head = new Label();
    private final Pane tube = new Pane();
    private final Rectangle outline = new Rectangle();
    private final Pane pages = new Pane();
    private final Rectangle data = new Rectangle();
    private final Label fill = new Label();
    private final Label ends = new Label();
    private Timeline running;

    PipeBufferNode() {
        setSpacing(4);
        setAlignment(Pos.CENTER);
        head.setId("pipe-capacity");
        head.getStyleClass().add("pipe-head");
        head.setWrapText(true);
        outline.getStyleClass().add("pipe-tube");
        data.getStyleClass().add("pipe-data");
        outline.setHeight(TUBE_HEIGHT);
        data.setHeight(TUBE_HEIGHT - 6);
        data.setY(3);
        tube.getChildren().addAll(outline, data, pages);
        tube.setMinHeight(TUBE_HEIGHT);
        Label in = new Label("in ▶");
        Label out = new Label("▶ out");
        in.getStyleClass().add("pipe-arrow");
        out.getStyleClass().add("pipe-arrow");
        in.setMinWidth(Label.USE_PREF_SIZE);
        out.setMinWidth(Label.USE_PREF_SIZE);
        HBox row = new HBox(6, in, tube, out);
        row.setAlignment(Pos.CENTER);
        fill.setId("pipe-fill");
        fill.getStyleClass().add("pipe-fill-text");
        fill.setWrapText(true);
        ends.setId("pipe-ends");
        ends.getStyleClass().add("pipe-ends");
        ends.setWrapText(true);
        getChildren().addAll(head, row, fill, ends);
        setMaxWidth(TUBE_MAX + 90);
        setPrefWidth(TUBE_MAX + 90);
    }

    void show(PipeScene.Buffer b, boolean animate) {
        setVisible(b != null);
        if (b == null) {
            return;
        }
        head.setText("pipe:[" + b.inode() + "]  capacity " + b.capacity() + " B (F_GETPIPE_SZ)"
                + (b.capacity() != b.defaultCapacity() ? ", was " + b.defaultCapacity() : "")
                + " · PIPE_BUF " + b.pipeBuf());
        double width = TUBE_MAX * b.capacity() / Math.max(65536.0, b.capacity());
        outline.setWidth(width);
        tube.setPrefWidth(width);
        tube.setMinWidth(width);
        tube.setMaxWidth(width);
        pages.getChildren().clear();
        int n = b.pages();
        for (int i = 0; i < n; i++) {
            Rectangle page = new Rectangle(i * width / n + 2, 5, width / n - 4, TUBE_HEIGHT - 10);
            page.getStyleClass().add("pipe-page");
            pages.getChildren().add(page);
        }
        int bytes = Math.max(0, b.fill());
        double dataWidth = Math.min(width - 6, (width - 6) * bytes / Math.max(1, b.capacity()));
        double x = width - 3 - dataWidth;
        if (running != null) {
            running.stop();
        }
        running = new Timeline(new KeyFrame(Animations.QUICK,
                new KeyValue(data.widthProperty(), dataWidth, Interpolator.EASE_BOTH),
                new KeyValue(data.xProperty(), x, Interpolator.EASE_BOTH)));
        Animations.play(running, animate, () -> {
            data.setWidth(dataWidth);
            data.setX(x);
        });
        fill.setText(b.fill() < 0 ? "fill: not sampled yet"
                : b.fill() + " / " + b.capacity() + " B buffered (ioctl FIONREAD) · " + Math.max(0, b.capacity() - b.fill())
                + " free");
        ends.getStyleClass().remove("none");
        if (b.readEnds() < 0) {
            ends.setText("open ends: not read from /proc yet");
        } else {
            ends.setText("open ends (kernel, /proc/PID/fd): " + b.readEnds() + " read, " + b.writeEnds() + " write"
                    + (b.readEnds() == 0 ? " — nobody can read" : "") + (b.writeEnds() == 0 ? " — nobody can write" : ""));
            if (b.readEnds() == 0 || b.writeEnds() == 0) {
                ends.getStyleClass().add("none");
            }
        }
    }
}
