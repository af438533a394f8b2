package org.procstage.ui;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.procstage.session.PlayerViewModel;

/** What /proc says about the selected process: the kernel's readings, never the probe's claims. */
public final class EvidencePanel extends VBox {
    private final Label title = new Label();
    private final GridPane grid = new GridPane();

    public EvidencePanel(PlayerViewModel player) {
        getStyleClass().add("evidence-panel");
        setSpacing(8);
        setPadding(new Insets(10));
        title.getStyleClass().add("panel-title");
        title.setWrapText(true);
        grid.setHgap(10);
        grid.setVgap(4);
        Label hint = new Label("Click a process to inspect it. State, Program (comm) and Parent (PPid) are "
                + "read from /proc/PID/stat, Waits in from /proc/PID/wchan, by the app. A process paused at a "
                + "step point waits in a socket read: it is waiting for your Step.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        getChildren().addAll(title, grid, hint);
        player.evidenceProperty().addListener((o, a, now) -> show(player.selectedPidProperty().get(), now));
        player.selectedPidProperty().addListener((o, a, pid) -> show(pid.intValue(), player.evidenceProperty().get()));
        show(0, Map.of());
    }

    private void show(int pid, Map<String, Object> readings) {
        title.setText(pid > 0 ? "Kernel says — /proc/" + pid : "Kernel says");
        grid.getChildren().clear();
        int row = 0;
        for (String key : readings.keySet().stream().sorted(EvidencePanel::order).toList()) {
            Label k = new Label(label(key));
            k.getStyleClass().add("evidence-key");
            k.setMinWidth(Region.USE_PREF_SIZE); // a long value wraps; the key never shrinks to "..."
            Label v = new Label(String.valueOf(readings.get(key)));
            v.getStyleClass().add("evidence-value");
            v.setWrapText(true);
            v.setMaxWidth(260);
            grid.addRow(row++, k, v);
        }
        if (row == 0) {
            grid.addRow(0, new Label(pid > 0 ? "no reading yet" : "nothing selected"));
        }
    }

    private static int order(String a, String b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(String key) {
        return switch (key) {
            case "state" -> 0;
            case "comm" -> 1;
            case "ppid" -> 2;
            case "wchan" -> 3;
            default -> 10;
        };
    }

    private static String label(String key) {
        return switch (key) {
            case "state" -> "State";
            case "comm" -> "Program";
            case "ppid" -> "Parent";
            case "wchan" -> "Waits in";
            default -> key;
        };
    }
}
