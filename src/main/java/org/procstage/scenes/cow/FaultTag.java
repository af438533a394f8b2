package org.procstage.scenes.cow;

import javafx.scene.control.Label;
import org.procstage.scenes.cow.CowBoard.Touch;

/** A tag on the page just touched: what the kernel had to do (fault, copy, nothing). */
final class FaultTag extends Label {
    static final double WIDTH = 88;

    private FaultTag(String text, String style) {
        super(text);
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setAlignment(javafx.geometry.Pos.CENTER);
        setId("cow-fault-tag");
        getStyleClass().addAll("cow-fault-tag", style);
        setMouseTransparent(true);
    }

    /** Empty for a read: the caption says it, and a read changes nothing to point at. */
    static java.util.Optional<FaultTag> of(Touch t) {
        if (!t.write()) {
            return java.util.Optional.empty();
        }
        if (t.copied()) {
            return java.util.Optional.of(new FaultTag("⚡ copy", "copy"));
        }
        return java.util.Optional.of(t.faults() > 0 ? new FaultTag("⚡ reuse", "reuse") : new FaultTag("no fault", "quiet"));
    }
}
