package org.procstage.scenes.cow;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.cow.CowBoard.Column;
import org.procstage.scenes.cow.CowBoard.Page;

/** One virtual page of one process: what its page table says (shared or private) and what it holds. */
final class PageBox extends VBox {
    PageBox(Column owner, Page page, boolean clickable) {
        setId(owner.role() + "-page-" + page.index());
        getStyleClass().add("cow-page");
        setPrefSize(CowView.PAGE_W, CowView.ROW_H);
        setMinSize(CowView.PAGE_W, CowView.ROW_H);
        setMaxSize(CowView.PAGE_W, CowView.ROW_H);
        Label index = new Label("page " + page.index());
        index.getStyleClass().add("cow-page-index");
        Label state = new Label(stateText(owner, page));
        state.getStyleClass().add("cow-page-state");
        HBox top = new HBox(10, index, state);
        top.setAlignment(Pos.CENTER_LEFT);
        Label text = new Label(page.text());
        text.getStyleClass().add("cow-page-text");
        getChildren().addAll(top, text);
        if (!owner.mapped()) {
            getStyleClass().add("gone");
        } else if (!page.reported()) {
            getStyleClass().add("unknown");
        } else if (page.exclusive()) {
            getStyleClass().add("private");
        } else {
            getStyleClass().add("shared");
        }
        if (clickable) {
            getStyleClass().add("clickable");
        }
    }

    private static String stateText(Column owner, Page page) {
        if (!owner.mapped()) {
            return "unmapped";
        }
        if (!page.reported()) {
            return "page table not read yet";
        }
        if (!page.present()) {
            return "not present";
        }
        return page.exclusive() ? "✎ private" : "shared · read-only";
    }
}
