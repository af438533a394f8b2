package org.procstage.scenes.mutex;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Rectangle;

/** A padlock drawn from shapes (no font has to carry an emoji): closed = held, open = free. */
public final class Padlock {
    private Padlock() {
    }

    public static Node of(boolean closed, double size) {
        return of(closed, size, closed ? "padlock-closed" : "padlock-open");
    }

    /** styleClass colours the body, e.g. padlock-closed (held by this one), padlock-other (held by another). */
    public static Node of(boolean closed, double size, String styleClass) {
        double w = size * 0.8;
        double bodyH = size * 0.55;
        Rectangle body = new Rectangle(0, size - bodyH, w, bodyH);
        body.setArcWidth(size * 0.15);
        body.setArcHeight(size * 0.15);
        body.getStyleClass().addAll("padlock-body", styleClass);
        double r = w * 0.32;
        // Open: the shackle lifted and swung to one side.
        Arc shackle = new Arc(closed ? w / 2 : w * 0.78, size - bodyH - (closed ? 0 : size * 0.12), r, r * 1.25, 0, 180);
        shackle.setType(ArcType.OPEN);
        shackle.getStyleClass().add("padlock-shackle");
        shackle.setStrokeWidth(Math.max(2, size * 0.1));
        Group g = new Group(shackle, body);
        g.getStyleClass().add("padlock");
        return g;
    }
}
