package org.procstage.ui;

import javafx.scene.Scene;

/** Projector-first styling: large type, high contrast. */
public final class Theme {
    private Theme() {
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().add(Theme.class.getResource("/org/procstage/ui/procstage.css").toExternalForm());
    }
}
