package org.procstage.scenes.cow;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** What the shapes mean, in words as well as colours and borders. */
final class CowLegend {
    private CowLegend() {
    }

    static Node build() {
        HBox legend = new HBox(18,
                sample("shared", "dashed: shared, read-only (bit 56 = 0)"),
                sample("private", "solid: mapped once (bit 56 = 1)"),
                new Label("→ page table entry"));
        legend.getStyleClass().add("legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(8, 12, 8, 12));
        return legend;
    }

    private static Label sample(String style, String text) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("cow-page", style, "cow-swatch");
        swatch.setMinSize(34, 22);
        swatch.setPrefSize(34, 22);
        return new Label(text, swatch);
    }
}
