package org.procstage.session;

import org.procstage.protocol.ProbeEvent;

/**
 * A scene's view model: a reducer over events, plain Java (javafx.beans at most, never a Node).
 * {@link #apply} only updates internal state; {@link #publish} pushes it into the observable
 * properties the view listens to, once per batch — so a frame costs one view update however many
 * events it carried, and replay can re-apply a long prefix cheaply.
 */
public interface SceneModel {
    void reset();

    void apply(ProbeEvent event);

    void publish();

    /** Live scenes get a way to act on their probes; replays get {@link ProbeControl#NONE}. */
    default void attach(ProbeControl control) {
    }
}
