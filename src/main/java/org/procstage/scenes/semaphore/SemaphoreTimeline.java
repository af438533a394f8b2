package org.procstage.scenes.semaphore;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.procstage.ui.StateBadge;

/**
 * A Gantt chart of the workers: a dashed bar while asleep in sem_wait, a solid bar while inside,
 * and above them a strip counting how many were inside at every moment, under the limit line.
 */
final class SemaphoreTimeline extends VBox {
    static final double LABEL_WIDTH = 320;
    static final double BAR_WIDTH = 600;
    static final double ROW_HEIGHT = 25;
    static final double STRIP_HEIGHT = 50;

    private final Label title = new Label();
    private final Pane strip = new Pane();
    private final Label stripLabel = new Label();
    private final VBox rows = new VBox(1);
    private final java.util.function.IntConsumer onSelect;

    SemaphoreTimeline(java.util.function.IntConsumer onSelect) {
        super(4);
        this.onSelect = onSelect;
        getStyleClass().add("sem-timeline");
        setId("sem-timeline");
        title.getStyleClass().add("sem-box-title");
        stripLabel.getStyleClass().add("sem-strip-label");
        stripLabel.setPrefWidth(LABEL_WIDTH);
        stripLabel.setMinWidth(LABEL_WIDTH);
        stripLabel.setWrapText(true);
        strip.setPrefSize(BAR_WIDTH, STRIP_HEIGHT);
        strip.setMinSize(BAR_WIDTH, STRIP_HEIGHT);
        strip.getStyleClass().add("sem-strip");
        HBox stripRow = new HBox(stripLabel, strip);
        stripRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, stripRow, rows, legend());
    }

    void show(SemaphorePicture p) {
        long span = Math.max(p.now() - p.start(), 500_000_000L);
        double scale = BAR_WIDTH / span;
        title.setText("Timeline — " + String.format("%.2f s", (p.now() - p.start()) / 1e9)
                + " of real time, from the workers' own reports");
        stripLabel.setText("inside at once: " + p.insideNow() + " now, " + p.maxInside() + " at most");
        drawStrip(p, scale);
        rows.getChildren().setAll(p.workers().stream().map(w -> row(w, p, scale)).toList());
    }

    private void drawStrip(SemaphorePicture p, double scale) {
        strip.getChildren().clear();
        double unit = (STRIP_HEIGHT - 20) / Math.max(p.places(), 1); // room above the limit for its label
        List<SemaphorePicture.Occupancy> occ = p.occupancy();
        for (int i = 0; i < occ.size(); i++) {
            long from = occ.get(i).t();
            long to = i + 1 < occ.size() ? occ.get(i + 1).t() : p.now();
            double h = occ.get(i).count() * unit;
            if (h <= 0) {
                continue;
            }
            Rectangle r = new Rectangle(x(from, p, scale), STRIP_HEIGHT - h, Math.max(1, (to - from) * scale), h);
            r.getStyleClass().add("sem-strip-bar");
            strip.getChildren().add(r);
        }
        double limitY = STRIP_HEIGHT - p.places() * unit;
        Line limit = new Line(0, limitY, BAR_WIDTH, limitY);
        limit.getStyleClass().add("sem-limit-line");
        limit.getStrokeDashArray().addAll(10.0, 6.0);
        Label limitText = new Label("limit " + p.places());
        limitText.getStyleClass().add("sem-limit-text");
        limitText.relocate(BAR_WIDTH - 70, Math.max(0, limitY - 21));
        strip.getChildren().addAll(limit, limitText);
    }

    private static double x(long t, SemaphorePicture p, double scale) {
        return Math.max(0, Math.min(BAR_WIDTH, (t - p.start()) * scale));
    }

    private Node row(Worker w, SemaphorePicture p, double scale) {
        Label name = new Label(w.name());
        name.getStyleClass().add("sem-row-name");
        name.setMinWidth(44);
        Label pid = new Label(Integer.toString(w.pid()));
        pid.getStyleClass().add("sem-row-pid");
        pid.setMinWidth(64);
        Label phase = new Label(w.phase().text());
        phase.getStyleClass().add("sem-row-phase");
        HBox label = new HBox(6, StateBadge.of(w.state(), 22), name, pid, phase);
        label.setAlignment(Pos.CENTER_LEFT);
        label.setPrefWidth(LABEL_WIDTH);
        label.setMinWidth(LABEL_WIDTH);
        label.setMaxWidth(LABEL_WIDTH);

        Pane bars = new Pane();
        bars.getStyleClass().add("sem-row-bars");
        bars.setPrefSize(BAR_WIDTH, ROW_HEIGHT);
        bars.setMinSize(BAR_WIDTH, ROW_HEIGHT);
        if (w.blockedAt() >= 0) {
            long end = w.insideAt() >= 0 ? w.insideAt() : p.now();
            bars.getChildren().add(bar(w.blockedAt(), end, p, scale, "sem-bar-asleep", "asleep"));
        }
        if (w.insideAt() >= 0) {
            long end = w.leftAt() >= 0 ? w.leftAt() : p.now();
            bars.getChildren().add(bar(w.insideAt(), end, p, scale, "sem-bar-inside", "inside"));
        }
        HBox row = new HBox(label, bars);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("sem-row");
        row.setOnMouseClicked(e -> onSelect.accept(w.pid()));
        row.setStyle("-fx-cursor: hand;");
        return row;
    }

    private static Node bar(long from, long to, SemaphorePicture p, double scale, String style, String text) {
        double x0 = x(from, p, scale);
        double width = Math.max(2, x(to, p, scale) - x0);
        Rectangle r = new Rectangle(width, ROW_HEIGHT - 6);
        r.getStyleClass().add(style);
        if (style.equals("sem-bar-asleep")) {
            r.getStrokeDashArray().addAll(6.0, 4.0);
        }
        Label l = new Label(width > 64 ? text : "", r);
        l.setContentDisplay(javafx.scene.control.ContentDisplay.CENTER);
        l.getStyleClass().add(style + "-text");
        l.relocate(x0, 3);
        return l;
    }

    private Node legend() {
        Rectangle asleep = new Rectangle(40, 18);
        asleep.getStyleClass().add("sem-bar-asleep");
        asleep.getStrokeDashArray().addAll(6.0, 4.0);
        Rectangle inside = new Rectangle(40, 18);
        inside.getStyleClass().add("sem-bar-inside");
        Line limit = new Line(0, 0, 40, 0);
        limit.getStyleClass().add("sem-limit-line");
        limit.getStrokeDashArray().addAll(10.0, 6.0);
        HBox legend = new HBox(22, new Label("asleep in sem_wait", asleep), new Label("inside the room", inside),
                new Label("the limit: 3 places", limit));
        legend.getStyleClass().add("sem-legend");
        for (char s : new char[] {'R', 'S'}) {
            legend.getChildren().add(new Label(StateBadge.describe(s), StateBadge.of(s, 22)));
        }
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }
}
