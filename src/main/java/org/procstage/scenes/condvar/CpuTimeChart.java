package org.procstage.scenes.condvar;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * CPU time the kernel charged to each process (utime + stime in /proc/PID/stat): the proof that
 * sleeping in cond_wait costs nothing while spinning costs a whole CPU. Bars share one scale.
 */
final class CpuTimeChart extends VBox {
    private static final double LABEL_WIDTH = 250;
    private static final double BAR_WIDTH = 480;
    private static final long MIN_SCALE_TICKS = 20;

    private final VBox rows = new VBox(6);

    CpuTimeChart() {
        super(6);
        getStyleClass().add("cv-cpu");
        setId("cv-cpu");
        Label title = new Label("CPU time used, as the kernel counts it (utime + stime from /proc/PID/stat)");
        title.getStyleClass().add("cv-box-title");
        title.setWrapText(true);
        getChildren().addAll(title, rows);
    }

    void show(CondvarPicture p) {
        List<String> roles = List.of("consumer", "busy", "producer");
        long max = MIN_SCALE_TICKS;
        for (String r : roles) {
            Actor a = p.role(r);
            if (a != null) {
                max = Math.max(max, a.ticks());
            }
        }
        double scale = BAR_WIDTH / max;
        rows.getChildren().clear();
        for (String r : roles) {
            rows.getChildren().add(row(r, p.role(r), scale));
        }
    }

    private HBox row(String role, Actor a, double scale) {
        Label name = new Label(switch (role) {
            case "consumer" -> "Consumer (cond_wait)";
            case "busy" -> "Busy consumer (spins)";
            default -> "Producer";
        });
        name.getStyleClass().add("cv-cpu-name");
        name.setPrefWidth(LABEL_WIDTH);
        name.setMinWidth(LABEL_WIDTH);
        long ticks = a == null ? -1 : a.ticks();
        Pane track = new Pane();
        track.getStyleClass().add("cv-cpu-track");
        track.setPrefSize(BAR_WIDTH, 26);
        track.setMinSize(BAR_WIDTH, 26);
        track.setMaxSize(BAR_WIDTH, 26);
        if (ticks > 0) {
            Rectangle bar = new Rectangle(Math.max(3, ticks * scale), 26);
            bar.getStyleClass().addAll("cv-cpu-bar", "cv-cpu-bar-" + role);
            track.getChildren().add(bar);
        }
        Label value = new Label(ticks < 0 ? "not read yet"
                : ticks + (ticks == 1 ? " tick" : " ticks") + " = " + ticks * 10 + " ms");
        value.getStyleClass().add("cv-cpu-value");
        value.setId("cv-cpu-" + role);
        HBox row = new HBox(10, name, track, value);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
