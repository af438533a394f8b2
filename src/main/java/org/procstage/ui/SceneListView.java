package org.procstage.ui;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioCatalog;

/** The start page: every scene with its one-line description. Enter or double-click opens one. */
public final class SceneListView extends VBox {
    private final ListView<Scenario> list;

    public SceneListView(ScenarioCatalog catalog, Consumer<Scenario> open, Runnable openTrace) {
        getStyleClass().add("scene-list");
        setPadding(new Insets(24));
        setSpacing(12);
        Label title = new Label("ProcStage");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("Real processes, real kernel evidence. Pick a scene (Enter), or open a recorded trace (Ctrl+O).");
        subtitle.getStyleClass().add("app-subtitle");
        subtitle.setWrapText(true);
        list = new ListView<>(FXCollections.observableArrayList(catalog.all()));
        list.setId("scene-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Scenario s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(s.title() + "   (" + s.id() + ")");
                name.getStyleClass().add("scene-name");
                Label text = new Label(s.description());
                text.getStyleClass().add("scene-description");
                text.setWrapText(true);
                setGraphic(new VBox(2, name, text));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.O) {
                openTrace.run();
            }
        });
        list.getSelectionModel().selectFirst();
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.control.Button start = new javafx.scene.control.Button("Open scene (Enter)");
        start.setId("open-scene-button");
        start.setDefaultButton(true);
        start.setOnAction(e -> {
            if (list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        javafx.scene.control.Button trace = new javafx.scene.control.Button("Open a recorded trace… (Ctrl+O)");
        trace.setOnAction(e -> openTrace.run());
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(12, start, trace);
        buttons.getStyleClass().add("list-buttons");
        getChildren().addAll(title, subtitle, list, buttons);
    }

    public void focusList() {
        list.requestFocus();
    }
}
