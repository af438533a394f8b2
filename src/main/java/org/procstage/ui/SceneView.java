package org.procstage.ui;

import javafx.scene.Node;

/** The middle of the player: a scene's own animated picture of its view model. */
public interface SceneView {
    Node node();

    /** Stop animations and listeners; the scene is being left. */
    default void dispose() {
    }
}
