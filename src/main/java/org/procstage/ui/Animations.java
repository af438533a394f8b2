package org.procstage.ui;

import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.ParallelTransition;
import javafx.animation.ScaleTransition;
import javafx.animation.Timeline;
import javafx.animation.Transition;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * Small factories that return un-played animations, so a caller can play, skip (jumpTo end) or
 * fast-forward them. Durations are short: a step should read at a glance.
 */
public final class Animations {
    public static final Duration QUICK = Duration.millis(350);

    private Animations() {
    }

    public static Transition appear(Node node) {
        node.setOpacity(0);
        node.setScaleX(0.3);
        node.setScaleY(0.3);
        FadeTransition fade = new FadeTransition(QUICK, node);
        fade.setToValue(1);
        ScaleTransition grow = new ScaleTransition(QUICK, node);
        grow.setToX(1);
        grow.setToY(1);
        grow.setInterpolator(Interpolator.EASE_OUT);
        return new ParallelTransition(fade, grow);
    }

    public static Transition vanish(Node node) {
        FadeTransition fade = new FadeTransition(QUICK, node);
        fade.setToValue(0);
        ScaleTransition shrink = new ScaleTransition(QUICK, node);
        shrink.setToX(0.4);
        shrink.setToY(0.4);
        return new ParallelTransition(fade, shrink);
    }

    public static Timeline moveTo(Node node, double x, double y) {
        return new Timeline(new KeyFrame(QUICK.multiply(1.5),
                new KeyValue(node.layoutXProperty(), x, Interpolator.EASE_BOTH),
                new KeyValue(node.layoutYProperty(), y, Interpolator.EASE_BOTH)));
    }

    /** A short pulse that draws the eye to a node whose state changed. */
    public static Timeline pulse(Node node) {
        return new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(node.scaleXProperty(), 1), new KeyValue(node.scaleYProperty(), 1)),
                new KeyFrame(Duration.millis(150), new KeyValue(node.scaleXProperty(), 1.12), new KeyValue(node.scaleYProperty(), 1.12)),
                new KeyFrame(Duration.millis(300), new KeyValue(node.scaleXProperty(), 1), new KeyValue(node.scaleYProperty(), 1)));
    }

    /**
     * Plays the animation and then applies {@code endState}; with animations off (snapshots,
     * fast-forward) applies {@code endState} at once. endState must set every value the
     * animation would have ended on.
     */
    public static void play(javafx.animation.Animation animation, boolean animate, Runnable endState) {
        if (!animate) {
            endState.run();
            return;
        }
        animation.setOnFinished(e -> endState.run());
        animation.play();
    }
}
