package org.procstage.scenes.mutex;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * Critical sections on a time axis, one row per worker: solid bars hold the lock (numbered by
 * grant), striped bars are blocked waits, small triangles mark kernel samples that found the
 * process asleep in a futex wait. Solid bars never overlap: that is what a mutex guarantees.
 */
final class MutexTimeline extends Pane {
    private static final double MIN_WIDTH = 600;
    private static final double LABEL_W = 120;
    private static final double ROW = 36;
    private static final double BAR = 24;

    MutexTimeline() {
        getStyleClass().add("mutex-timeline");
        setPrefWidth(MIN_WIDTH);
        setMinWidth(MIN_WIDTH);
        widthProperty().addListener((o, a, b) -> {
            if (shown != null) {
                show(shown);
            }
        });
    }

    private MutexState shown;

    void show(MutexState s) {
        shown = s;
        double width = Math.max(MIN_WIDTH, getWidth());
        getChildren().clear();
        List<MutexState.Proc> rows = s.processes().stream().filter(p -> !"main".equals(p.role()))
                .sorted(java.util.Comparator.comparing(MutexState.Proc::role)).toList();
        List<MutexState.Segment> segs = s.timeline().stream()
                .filter(seg -> rows.stream().anyMatch(p -> p.pid() == seg.pid())).toList();
        double height = Math.max(1, rows.size()) * ROW + 30;
        setPrefHeight(height);
        setMinHeight(height);
        if (rows.isEmpty() || segs.isEmpty()) {
            Label none = new Label("No critical section yet: bars appear here as the workers take the lock.");
            none.getStyleClass().add("mutex-hint");
            none.relocate(0, 8);
            getChildren().add(none);
            return;
        }
        long t0 = segs.stream().mapToLong(MutexState.Segment::start).min().orElse(s.start());
        long t1 = Math.max(s.now(), segs.stream().mapToLong(MutexState.Segment::end).max().orElse(t0));
        double span = Math.max(1, t1 - t0);
        double area = width - LABEL_W - 10;
        for (int r = 0; r < rows.size(); r++) {
            MutexState.Proc p = rows.get(r);
            double y = r * ROW;
            Label name = new Label(p.role() + " · " + p.pid());
            name.getStyleClass().add("mutex-row-label");
            name.relocate(0, y + 6);
            Line base = new Line(LABEL_W, y + ROW - 6, width - 10, y + ROW - 6);
            base.getStyleClass().add("mutex-row-line");
            getChildren().addAll(base, name);
        }
        for (MutexState.Segment seg : segs) {
            int r = indexOf(rows, seg.pid());
            double x0 = LABEL_W + (seg.start() - t0) / span * area;
            double x1 = LABEL_W + ((seg.open() ? t1 : seg.end()) - t0) / span * area;
            Region bar = new Region();
            bar.getStyleClass().addAll("mutex-bar", seg.kind() == MutexState.Kind.HOLD ? "mutex-hold" : "mutex-wait");
            bar.resizeRelocate(x0, r * ROW + (ROW - BAR) / 2 - 2, Math.max(3, x1 - x0), BAR);
            bar.setManaged(false);
            getChildren().add(bar);
            if (seg.kind() == MutexState.Kind.HOLD && x1 - x0 > 30) {
                Label g = new Label("#" + seg.grant());
                g.getStyleClass().add("mutex-bar-label");
                g.relocate(x0 + 4, r * ROW + (ROW - BAR) / 2);
                getChildren().add(g);
            }
        }
        for (MutexState.Sample sample : s.futexSamples()) {
            int r = indexOf(rows, sample.pid());
            if (r < 0 || sample.t() < t0) {
                continue;
            }
            double x = LABEL_W + (sample.t() - t0) / span * area;
            double y = r * ROW + ROW - 6;
            Polygon tick = new Polygon(x, y - 8, x - 6, y + 3, x + 6, y + 3);
            tick.getStyleClass().add("mutex-sample");
            getChildren().add(tick);
        }
        Label left = new Label("0 ms");
        left.getStyleClass().add("mutex-axis");
        left.relocate(LABEL_W, rows.size() * ROW + 4);
        Label right = new Label(String.format("%.0f ms", span / 1e6));
        right.getStyleClass().add("mutex-axis");
        right.relocate(width - 90, rows.size() * ROW + 4);
        getChildren().addAll(left, right);
    }

    private static int indexOf(List<MutexState.Proc> rows, int pid) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pid() == pid) {
                return i;
            }
        }
        return -1;
    }
}
