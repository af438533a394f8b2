package org.procstage.ui;

import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;

/**
 * A process state as a letter inside a shape — circle running, square sleeping, octagon stopped,
 * dashed circle zombie, diamond uninterruptible — so meaning never rests on colour alone.
 */
public final class StateBadge {
    private StateBadge() {
    }

    public static String describe(char state) {
        return switch (state) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "disk wait";
            case 'T', 't' -> "stopped";
            case 'Z' -> "zombie";
            case 'X' -> "dead";
            default -> "not sampled yet";
        };
    }

    public static Node of(char state, double size) {
        Shape shape = shape(state, size);
        shape.getStyleClass().addAll("state-shape", "state-" + cssName(state));
        Text letter = new Text(String.valueOf(state));
        letter.getStyleClass().add("state-letter");
        letter.setStyle("-fx-font-size: " + Math.round(size * 0.55) + "px;");
        StackPane badge = new StackPane(shape, letter);
        badge.setMinSize(size, size);
        badge.setMaxSize(size, size);
        return badge;
    }

    public static String cssName(char state) {
        return switch (state) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "disk";
            case 'T', 't' -> "stopped";
            case 'Z' -> "zombie";
            default -> "unknown";
        };
    }

    private static Shape shape(char state, double size) {
        double r = size / 2;
        return switch (state) {
            case 'R' -> new Circle(r);
            case 'S' -> new Rectangle(size * 0.9, size * 0.9);
            case 'T', 't' -> octagon(r);
            case 'Z' -> {
                Circle c = new Circle(r);
                c.getStrokeDashArray().addAll(5.0, 4.0);
                yield c;
            }
            case 'D' -> new Polygon(r, 0, size, r, r, size, 0, r);
            default -> {
                Circle c = new Circle(r * 0.7);
                c.getStrokeDashArray().addAll(2.0, 3.0);
                yield c;
            }
        };
    }

    private static Polygon octagon(double r) {
        Polygon p = new Polygon();
        for (int i = 0; i < 8; i++) {
            double a = Math.PI / 8 + i * Math.PI / 4;
            p.getPoints().addAll(r + r * Math.cos(a), r + r * Math.sin(a));
        }
        return p;
    }
}
