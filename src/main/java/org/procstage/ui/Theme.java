package org.procstage.ui;

import javafx.scene.Scene;

/** Projector-first styling: large type, high contrast. */
public final class Theme {
    private Theme() {
    }

    /** A scene's own stylesheet lives at /org/procstage/ui/ID.css, named after its scenario. */
    public static void useSceneStylesheet(javafx.scene.Parent root, String scenarioId) {
        var css = Theme.class.getResource("/org/procstage/ui/" + scenarioId + ".css");
        if (css == null) {
            throw new IllegalStateException("no stylesheet for scene " + scenarioId);
        }
        root.getStylesheets().add(css.toExternalForm());
    }

    /**
     * The one-sentence caption over a scene: large, wrapping at a fixed width instead of widening
     * the scene, two lines tall so the picture below does not jump as sentences change.
     */
    public static void sceneCaption(javafx.scene.control.Label caption, String id, double width) {
        caption.getStyleClass().add("scene-caption");
        caption.setId(id);
        caption.setWrapText(true);
        caption.setMinHeight(58);
        caption.setPrefWidth(width);
        caption.setAlignment(javafx.geometry.Pos.TOP_LEFT);
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().add(Theme.class.getResource("/org/procstage/ui/procstage.css").toExternalForm());
    }
}
