package org.procstage.ui;

import javafx.collections.ListChangeListener;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.procstage.session.LogEntry;
import org.procstage.session.PlayerViewModel;

/** Every event as it arrives; kernel readings and probe reports are marked in words, not only colour. */
public final class EventLogPanel extends ListView<LogEntry> {
    public EventLogPanel(PlayerViewModel player) {
        super(player.log());
        getStyleClass().add("event-log");
        setFocusTraversable(false);
        setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("log-kernel", "log-probe", "log-error");
                if (empty || entry == null) {
                    setText(null);
                    return;
                }
                setText(entry.format());
                getStyleClass().add("log-" + entry.origin());
            }
        });
        player.log().addListener((ListChangeListener<LogEntry>) c -> {
            if (!getItems().isEmpty()) {
                scrollTo(getItems().size() - 1);
            }
        });
    }
}
