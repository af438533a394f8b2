package org.procstage.scenes.signals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import org.procstage.scenes.signals.SignalBoard.Bits;
import org.procstage.ui.Animations;

/**
 * The signal part of the receiver's process control block: one row per bitmap of
 * /proc/PID/status, one column per signal, each bit a "1" or "0" cell; the raw hex at the end.
 * Built once; {@link #show} flips the cells in place and pulses the ones that changed.
 */
final class PcbGrid extends GridPane {
    static final double CELL_W = 58;
    static final double CELL_H = 34;

    private record Row(String key, String title, String procName) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("pending", "pending (thread)", "SigPnd"),
            new Row("shdPending", "pending (process)", "ShdPnd"),
            new Row("blocked", "blocked", "SigBlk"),
            new Row("ignored", "ignored", "SigIgn"),
            new Row("caught", "caught (handler)", "SigCgt"));

    private final Map<String, Label> cells = new HashMap<>();
    private final Map<Integer, Button> heads = new HashMap<>();
    private final Map<String, Label> hexes = new HashMap<>();
    private Bits shown;

    PcbGrid(IntConsumer onSelect) {
        getStyleClass().add("pcb-grid");
        setHgap(2);
        setVgap(3);
        getColumnConstraints().add(new ColumnConstraints(168));
        for (int i = 0; i < SignalNames.SHOWN.size(); i++) {
            ColumnConstraints c = new ColumnConstraints(CELL_W);
            c.setHalignment(HPos.CENTER);
            getColumnConstraints().add(c);
        }
        getColumnConstraints().add(new ColumnConstraints(172));
        add(rowTitle("signal", "click to choose"), 0, 0);
        add(rowTitle("default action", "see signal(7)"), 0, 1);
        for (int c = 0; c < SignalNames.SHOWN.size(); c++) {
            int signo = SignalNames.SHOWN.get(c);
            Button head = new Button(signo + "\n" + SignalNames.name(signo));
            head.setId("signal-" + signo);
            head.getStyleClass().add("pcb-head");
            heads.put(signo, head);
            head.setFocusTraversable(false);
            head.setOnAction(e -> onSelect.accept(signo));
            head.setPrefSize(CELL_W, 48);
            add(head, c + 1, 0);
            Label action = new Label(SignalNames.defaultShort(signo));
            action.getStyleClass().addAll("pcb-action", "action-" + SignalNames.defaultAction(signo));
            action.setPrefWidth(CELL_W);
            action.setAlignment(Pos.CENTER);
            add(action, c + 1, 1);
        }
        Label hexTitle = new Label(" hex, as in /proc");
        hexTitle.getStyleClass().add("pcb-row-sub");
        add(hexTitle, SignalNames.SHOWN.size() + 1, 1);
        for (int r = 0; r < ROWS.size(); r++) {
            Row row = ROWS.get(r);
            add(rowTitle(row.title(), row.procName()), 0, r + 2);
            for (int c = 0; c < SignalNames.SHOWN.size(); c++) {
                int signo = SignalNames.SHOWN.get(c);
                Label cell = cell(row.key(), signo);
                cells.put(row.key() + "-" + signo, cell);
                add(cell, c + 1, r + 2);
            }
            Label raw = new Label("—");
            raw.setId("hex-" + row.key());
            raw.getStyleClass().add("pcb-hex");
            hexes.put(row.key(), raw);
            add(raw, SignalNames.SHOWN.size() + 1, r + 2);
        }
    }

    /** Shows the kernel's bitmaps and the chosen column; a bit that flipped pulses. */
    void show(Bits bits, int selected, boolean animate) {
        heads.forEach((signo, head) -> {
            head.getStyleClass().remove("selected");
            if (signo == selected) {
                head.getStyleClass().add("selected");
            }
        });
        for (Row row : ROWS) {
            for (int signo : SignalNames.SHOWN) {
                Label cell = cells.get(row.key() + "-" + signo);
                boolean set = bits.has(row.key(), signo);
                boolean flipped = shown != null && set != shown.has(row.key(), signo);
                cell.setText(set ? "1" : "0");
                cell.getStyleClass().removeAll("set", "clear", "selected");
                cell.getStyleClass().add(set ? "set" : "clear");
                if (signo == selected) {
                    cell.getStyleClass().add("selected");
                }
                if (flipped && animate) {
                    Animations.pulse(cell).play();
                }
            }
            String hex = hexOf(bits, row.key());
            hexes.get(row.key()).setText(hex.isEmpty() ? "—" : hex);
        }
        shown = bits;
    }

    private static String hexOf(Bits b, String key) {
        return switch (key) {
            case "pending" -> b.pending();
            case "shdPending" -> b.shdPending();
            case "blocked" -> b.blocked();
            case "ignored" -> b.ignored();
            default -> b.caught();
        };
    }

    private static StackPane rowTitle(String title, String sub) {
        Label t = new Label(title);
        t.getStyleClass().add("pcb-row-title");
        Label s = new Label(sub);
        s.getStyleClass().add("pcb-row-sub");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(0, t, s);
        box.setAlignment(Pos.CENTER_LEFT);
        return new StackPane(box);
    }

    private static Label cell(String row, int signo) {
        Label l = new Label("0");
        l.setId("bit-" + row + "-" + signo);
        l.getStyleClass().addAll("pcb-bit", "clear");
        l.setPrefSize(CELL_W, CELL_H);
        l.setMinSize(CELL_W, CELL_H);
        l.setAlignment(Pos.CENTER);
        return l;
    }
}
