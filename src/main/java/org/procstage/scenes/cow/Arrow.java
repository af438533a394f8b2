package org.procstage.scenes.cow;

import javafx.scene.Group;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/** A horizontal arrow from a page to its frame: one page table entry. */
final class Arrow {
    private Arrow() {
    }

    static Group between(double fromX, double y, double toX, double toY) {
        Line line = new Line(fromX, y, toX, toY);
        line.getStyleClass().add("cow-arrow");
        double dir = Math.signum(toX - fromX);
        Polygon head = new Polygon(toX, toY, toX - dir * 14, toY - 8, toX - dir * 14, toY + 8);
        head.getStyleClass().add("cow-arrow-head");
        Group g = new Group(line, head);
        g.setMouseTransparent(true);
        return g;
    }
}
