package org.procstage.ui;

import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.collections.FXCollections;

/** The probe's real C source with line numbers; the current step's lines are highlighted. */
public final class CodePanel extends ListView<String> {
    private int current;

    public CodePanel(String source) {
        super(FXCollections.observableArrayList(source.lines().toList()));
        getStyleClass().add("code-panel");
        setFocusTraversable(false);
        setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().remove("current-line");
                if (empty || text == null) {
                    setText(null);
                    return;
                }
                int number = getIndex() + 1;
                boolean here = isCurrent(number);
                setText(String.format("%s%3d  %s", here ? "▶" : " ", number, text));
                if (here) {
                    getStyleClass().add("current-line");
                }
            }
        });
    }

    /** A step's "lines": its own line and the statements after it, up to a blank line or the next step. */
    private boolean isCurrent(int number) {
        if (current <= 0 || number < current) {
            return false;
        }
        List<String> lines = getItems();
        for (int n = current + 1; n <= number; n++) {
            String text = lines.get(n - 1).strip();
            if (text.isEmpty() || text.startsWith("PS_STEP") || text.equals("}")) {
                return false;
            }
        }
        return number - current < 6;
    }

    public void highlight(int line) {
        current = line;
        refresh();
        if (line > 0) {
            scrollTo(Math.max(0, line - 10));
        }
    }
}
