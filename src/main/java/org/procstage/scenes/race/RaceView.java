package org.procstage.scenes.race;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.procstage.run.StepGates;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;

/**
 * The race, drawn: the shared record in the middle, each process with its own copy of what it
 * read, a Step button per process (so the student chooses the interleaving), and the results of
 * every round side by side.
 */
public final class RaceView implements SceneView {
    private static final String[] ROLES = {"A", "B", "R"};

    private final RaceViewModel model;
    private final PlayerViewModel player;
    private final VBox root = new VBox(12);
    private final Label caption = new Label();
    private final Label roundTitle = new Label();
    private final Label roundNote = new Label();
    private final Button skip = new Button("Skip this round ▶|");
    private final Label[] cells = {new Label(), new Label(), new Label()};
    private final Label tornMark = new Label();
    private final Label lostSoFar = new Label();
    private final HBox workerRow = new HBox(16);
    private final Map<String, RaceWorkerCard> cards = new HashMap<>();
    private final GridPane results = new GridPane();
    private final ChangeListener<RaceState> onState = (o, a, s) -> show(s);
    private final ListChangeListener<StepGates.Gate> onGates = c -> enableButtons();

    public RaceView(RaceViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        Theme.useSceneStylesheet(root, "race");
        root.getStyleClass().add("race");
        root.setPadding(new Insets(10, 16, 10, 16));
        org.procstage.scenes.mutex.ViewportWidth.follow(root, 800, 1100);
        caption.getStyleClass().addAll("scene-caption", "race-caption");
        caption.setId("race-caption");
        caption.setWrapText(true);
        caption.setMinHeight(64);
        roundTitle.getStyleClass().add("race-round");
        roundTitle.setId("race-round");
        roundNote.getStyleClass().add("race-note");
        roundNote.setWrapText(true);
        skip.setId("race-skip");
        skip.setFocusTraversable(false);
        skip.setOnAction(e -> model.skipRound());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox roundRow = new HBox(12, roundTitle, grow, skip);
        roundRow.setAlignment(Pos.CENTER_LEFT);
        for (String role : ROLES) {
            RaceWorkerCard card = new RaceWorkerCard(role, () -> {
                model.stepRole(role);
                enableButtons();
            });
            cards.put(role, card);
        }
        workerRow.setAlignment(Pos.TOP_CENTER);
        root.getChildren().addAll(caption, roundRow, roundNote, memory(), workerRow, resultsBox());
        model.stateProperty().addListener(onState);
        player.gates().addListener(onGates);
        show(model.stateProperty().get());
    }

    private Node memory() {
        String[] names = {"field1", "field2", "counter"};
        HBox row = new HBox(14);
        row.setAlignment(Pos.CENTER);
        for (int i = 0; i < 3; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("race-cell-name");
            cells[i].getStyleClass().add("race-cell-value");
            cells[i].setId("race-" + names[i]);
            VBox cell = new VBox(2, name, cells[i]);
            cell.setAlignment(Pos.CENTER);
            cell.getStyleClass().add("race-cell");
            cell.setMinWidth(i == 2 ? 230 : 150);
            row.getChildren().add(cell);
            if (i == 0) {
                tornMark.getStyleClass().add("race-torn-mark");
                row.getChildren().add(tornMark);
            }
        }
        Label title = new Label("Shared memory (MAP_SHARED): one copy, seen by every process");
        title.getStyleClass().add("race-box-title");
        lostSoFar.getStyleClass().add("race-lost-so-far");
        lostSoFar.setId("race-lost-so-far");
        lostSoFar.setWrapText(true);
        VBox box = new VBox(6, title, row, lostSoFar);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("race-memory");
        return box;
    }

    private Node resultsBox() {
        results.getStyleClass().add("race-results");
        results.setHgap(22);
        results.setVgap(2);
        Label title = new Label("Results of this run");
        title.getStyleClass().add("race-box-title");
        return new VBox(4, title, results);
    }

    private void show(RaceState s) {
        caption.setText(s.caption());
        RaceState.Round r = s.round();
        roundTitle.setText(r.number() == 0 ? "Ready" : "Round " + r.number() + " of 4 — " + r.title().replaceFirst("^round \\d+: ", ""));
        roundNote.setText(note(r));
        showMemory(s);
        List<RaceState.Worker> ws = s.workers();
        workerRow.getChildren().setAll(ws.stream().map(w -> {
            RaceWorkerCard card = cards.get(w.role());
            if (card == null) {
                card = new RaceWorkerCard(w.role(), () -> { });
                cards.put(w.role(), card);
            }
            card.show(w, r);
            HBox.setHgrow(card, Priority.ALWAYS);
            return (Node) card;
        }).toList());
        showResults(s.results());
        enableButtons();
    }

    private static String note(RaceState.Round r) {
        if (r.number() == 0) {
            return "Each process adds 1 as two separate steps: READ the counter into its own copy, "
                    + "then WRITE that copy + 1 back. R checks that field1 and field2 come from one update.";
        }
        if (r.byHand()) {
            return "Use Step A / Step B / Step R to choose who goes next (Space lets the one waiting longest go)."
                    + (r.locked() ? " Whoever holds the lock is the only one between read and write." : "");
        }
        return (r.yieldInjected() ? "A sched_yield() is injected between read and write in 1 of 8 increments, so "
                + "the race shows on every run — even on 2 busy CPUs. " : "")
                + "The numbers are this run's: they differ every run.";
    }

    private void showMemory(RaceState s) {
        RaceState.Record m = s.memory();
        cells[0].setText(m.field1() == null ? "?" : Long.toString(m.field1()));
        cells[1].setText(m.field2() == null ? "?" : Long.toString(m.field2()));
        cells[2].setText(String.format("%,d", m.counter()));
        tornMark.setText(m.torn() ? "≠" : m.field1() == null ? "" : "=");
        for (Label c : List.of(cells[0], cells[1])) {
            c.getStyleClass().remove("race-torn");
            if (m.torn()) {
                c.getStyleClass().add("race-torn");
            }
        }
        long done = s.workers().stream().filter(w -> !w.reader()).mapToLong(RaceState.Worker::done).sum();
        StringBuilder line = new StringBuilder();
        if (s.round().number() > 0 && done > 0) {
            line.append(String.format("%,d increment%s done − counter %,d = %,d lost so far", done, done == 1 ? "" : "s", m.counter(),
                    Math.max(0, done - m.counter())));
        }
        if (m.field1() == null) {
            line.append(line.length() > 0 ? ". " : "").append("field1/field2 change too fast to show");
        } else if (m.torn()) {
            line.append(line.length() > 0 ? ". " : "").append("TORN: field1 and field2 from different updates");
        }
        lostSoFar.setText(line.toString());
    }

    private void showResults(List<RaceState.Result> rs) {
        results.getChildren().clear();
        String[] head = {"Round", "Lock", "Increments", "Counter", "Lost", "Torn reads"};
        for (int i = 0; i < head.length; i++) {
            Label h = new Label(head[i]);
            h.getStyleClass().add("race-results-head");
            results.add(h, i, 0);
        }
        int row = 1;
        for (RaceState.Result r : rs) {
            List<String> cols = r.skipped() ? List.of(r.round() + "  skipped", "", "", "", "", "")
                    : List.of(r.round() + (r.byHand() ? "  by hand" : "  full speed"), r.locked() ? "WITH lock" : "no lock",
                    String.format("%,d", r.expected()), String.format("%,d", r.counter()),
                    String.format("%,d", r.lost()), String.format("%,d of %,d", r.torn(), r.checks()));
            for (int i = 0; i < cols.size(); i++) {
                Label l = new Label(cols.get(i));
                l.getStyleClass().add("race-results-cell");
                if (i == 4 && r.lost() > 0) {
                    l.getStyleClass().add("race-lost");
                    l.setText(l.getText() + "  LOST");
                }
                if (i == 4 && !r.skipped()) {
                    l.setId("race-result-lost-" + r.round());
                }
                results.add(l, i, row);
            }
            row++;
        }
        if (rs.isEmpty()) {
            results.add(new Label("no round finished yet"), 0, 1, 6, 1);
        }
    }

    private void enableButtons() {
        boolean live = player.modeProperty().get() == PlayerViewModel.Mode.LIVE && model.live();
        for (RaceState.Worker w : model.stateProperty().get().workers()) {
            RaceWorkerCard card = cards.get(w.role());
            if (card != null) {
                card.stepEnabled(live && model.waitsAtStep(w.pid()));
            }
        }
        skip.setDisable(!(live && model.canSkip()));
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.stateProperty().removeListener(onState);
        player.gates().removeListener(onGates);
    }
}
