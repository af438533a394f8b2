package org.procstage.scenes.mutex;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * Sizes a scene to the width of the player's scroll pane, so it fills a 1920-wide projector and
 * still fits a 1600-wide laptop window (the player wraps scenes in a Group, which would otherwise
 * give them their preferred width whatever the window).
 */
public final class ViewportWidth {
    private ViewportWidth() {
    }

    public static void follow(Region root, double min, double max) {
        root.setPrefWidth(min);
        ChangeListener<Bounds> onViewport = (o, a, b) -> root.setPrefWidth(Math.max(min, Math.min(max, b.getWidth() - 24)));
        ScrollPane[] found = new ScrollPane[1];
        // The scroll pane's skin adopts the scene only on a layout pass: look again until found.
        Runnable search = () -> {
            if (found[0] != null || root.getScene() == null) {
                return;
            }
            for (Parent p = root.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane pane) {
                    found[0] = pane;
                    pane.viewportBoundsProperty().addListener(onViewport);
                    onViewport.changed(null, null, pane.getViewportBounds());
                    return;
                }
            }
        };
        root.sceneProperty().addListener((o, a, b) -> search.run());
        root.needsLayoutProperty().addListener((o, a, b) -> search.run());
    }
}
