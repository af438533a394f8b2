package org.procstage.scenes.pipe;

import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The byte stream one PIPE_BUF round's reader saw, to scale: runs of writer A's and B's bytes,
 * with a black edge wherever one of a writer's records ends. A record cut by the other writer's
 * bytes has no edge where its run ends.
 */
final class PipeBufStrip {
    private static final double HEIGHT = 32;

    private PipeBufStrip() {
    }

    static VBox of(PipeScene.PipeBufRound round, double width) {
        Label title = new Label("Records of " + round.recordBytes() + " B: " + round.interleaved() + " of " + round.records()
                + " interleaved · the writers took turns " + round.switches() + " times");
        title.getStyleClass().add("strip-title");
        Pane strip = new Pane();
        strip.setPrefSize(width, HEIGHT);
        strip.setMinSize(width, HEIGHT);
        double scale = width / Math.max(1, round.bytes());
        double x = 0;
        long[] own = new long[2];
        for (PipeScene.Run run : round.runs()) {
            int w = run.writer() == 1 ? 1 : 0;
            double runWidth = run.length() * scale;
            Rectangle r = new Rectangle(x, 0, Math.max(0.5, runWidth), HEIGHT);
            r.getStyleClass().add(w == 0 ? "run-a" : "run-b");
            strip.getChildren().add(r);
            if (runWidth >= 12) {
                Text letter = new Text(x + runWidth / 2 - 4, HEIGHT / 2 + 5, w == 0 ? "A" : "B");
                letter.getStyleClass().add("run-letter");
                strip.getChildren().add(letter);
            }
            long end = own[w] + run.length();
            for (long edge = (own[w] / round.recordBytes() + 1) * round.recordBytes(); edge <= end;
                 edge += round.recordBytes()) {
                double ex = x + (edge - own[w]) * scale;
                Line line = new Line(ex, -4, ex, HEIGHT + 4);
                line.getStyleClass().add("record-edge");
                strip.getChildren().add(line);
            }
            own[w] = end;
            x += runWidth;
        }
        return new VBox(2, title, strip);
    }
}
