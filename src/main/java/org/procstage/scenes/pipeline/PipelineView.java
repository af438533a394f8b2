package org.procstage.scenes.pipeline;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.procstage.scenes.pipeline.PipelinePicture.Station;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;

/**
 * The pipeline top to bottom: the root writes the sentence into pipe 0, each filter reads the pipe
 * above it and writes the pipe below, and the root reads the result out of pipe 4. The student
 * types a sentence and presses Enter to run it through fresh processes.
 */
public final class PipelineView implements SceneView {
    private static final String[] FILTERS = {"split", "capitalise", "merge", "lower-first"};
    /** The scene is drawn at a fixed width (zoom scales it); labels wrap inside it. */
    static final double CONTENT_WIDTH = 940;

    private final PipelineViewModel model;
    private final PlayerViewModel player;
    private final BorderPane root = new BorderPane();
    private final Label caption = new Label();
    private final TextField sentence = new TextField();
    private final StationRow rootIn = new StationRow("station-root-in", "root", "now reads pipe 4 (below)");
    private final StationRow rootOut = new StationRow("station-root-out", "root", "writes pipe 0 first (above)");
    private final List<StationRow> filterRows = new ArrayList<>();
    private final List<PipeRow> pipeRows = new ArrayList<>();
    private final Label output = new Label();
    private final Label capacity = new Label();
    private final ChangeListener<PipelinePicture> onChange = (o, a, now) -> show(now);

    public PipelineView(PipelineViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("pipeline-scene");
        Theme.useSceneStylesheet(root, "pipeline");
        caption.getStyleClass().add("scene-caption");
        caption.setId("pipeline-caption");
        caption.setWrapText(true);
        caption.setMinHeight(54);
        caption.setPrefWidth(CONTENT_WIDTH);
        caption.setMaxWidth(CONTENT_WIDTH);
        caption.setAlignment(Pos.TOP_LEFT);
        caption.textProperty().bind(model.actionProperty());

        sentence.setId("pipeline-sentence");
        sentence.getStyleClass().add("pipeline-sentence");
        sentence.setText(model.requestedSentenceProperty().get());
        sentence.setPromptText("type a sentence");
        sentence.setOnAction(e -> runSentence());
        sentence.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                root.requestFocus(); // back to Space = step
                e.consume();
            }
        });
        Label hint = new Label("Enter ⏎ runs it");
        hint.getStyleClass().add("pipeline-hint");
        HBox input = new HBox(10, new Label("Sentence"), sentence, hint);
        input.setPrefWidth(CONTENT_WIDTH);
        input.setMaxWidth(CONTENT_WIDTH);
        input.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(sentence, Priority.ALWAYS);

        VBox chain = new VBox(0);
        chain.getStyleClass().add("pipeline-chain");
        chain.getChildren().add(rootIn);
        for (int i = 0; i < PipelineViewModel.PIPES; i++) {
            PipeRow pipe = new PipeRow(i);
            pipeRows.add(pipe);
            chain.getChildren().add(pipe);
            if (i < FILTERS.length) {
                StationRow row = new StationRow("station-" + FILTERS[i], FILTERS[i], "");
                filterRows.add(row);
                chain.getChildren().add(row);
            }
        }
        chain.getChildren().add(rootOut);
        output.setId("pipeline-output");
        output.getStyleClass().add("pipeline-output");
        output.setWrapText(true);
        output.setPrefWidth(CONTENT_WIDTH);
        output.setMaxWidth(CONTENT_WIDTH);

        VBox top = new VBox(4, caption, input);
        top.setPadding(new Insets(6, 12, 2, 12));
        VBox center = new VBox(6, chain, output);
        center.setPadding(new Insets(4, 12, 6, 12));
        root.setTop(top);
        root.setCenter(center);
        root.setBottom(legend());
        model.pictureProperty().addListener(onChange);
        show(model.pictureProperty().get());
    }

    /** Enter in the text field: a fresh live run (paced) with the typed sentence. */
    private void runSentence() {
        String cleaned = PipelineScenario.clean(sentence.getText());
        sentence.setText(cleaned);
        model.requestedSentenceProperty().set(cleaned);
        root.requestFocus();
        player.startLive(true);
    }

    private void show(PipelinePicture p) {
        boolean animate = player.animateProperty().get();
        String in = p.sentence().isEmpty() ? "" : (p.pipes().get(0).totalWritten() == 0 ? "will write \""
                : "wrote \"") + p.sentence() + "\" into pipe 0" + (p.inputClosed() ? ", then closed it" : "");
        // The root is one process drawn twice: first writing, then — after closing pipe 0 — reading.
        show(rootIn, p.root(), in, !p.inputClosed(), animate);
        for (int i = 0; i < filterRows.size(); i++) {
            int index = i;
            Station s = p.filters().stream().filter(f -> f.index() == index).findFirst().orElse(null);
            show(filterRows.get(i), s, "", true, animate);
        }
        String out = p.received().isEmpty() ? "reads pipe 4 until end of file"
                : "has read \"" + p.received() + "\" from pipe 4";
        show(rootOut, p.root(), out, p.inputClosed(), animate);
        for (int i = 0; i < pipeRows.size() && i < p.pipes().size(); i++) {
            pipeRows.get(i).show(p.pipes().get(i));
        }
        capacity.setText(p.capacity() == 0 ? "" : "pipe: " + p.capacity() + " B, PIPE_BUF " + p.pipeBuf());
        output.setText(p.output().isEmpty() ? (p.sentence().isEmpty() ? "" : "Result: not yet — the root waits for end of file on pipe 4")
                : "Result: " + p.output());
    }

    private void show(StationRow row, Station s, String extra, boolean current, boolean animate) {
        if (row.show(s, extra, current) && animate) {
            Animations.pulse(row.badge()).play();
        }
    }

    private Node legend() {
        FlowPane legend = new FlowPane(22, 4);
        legend.setPrefWrapLength(CONTENT_WIDTH);
        legend.getStyleClass().add("legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(8, 12, 8, 12));
        legend.getChildren().addAll(new Label("▮▮ BLOCKED = asleep in pipe_read"),
                new Label("fd 0 ◀ read end · fd 1 ▶ write end"), new Label("⏎ = \\n"), capacity);
        return legend;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.pictureProperty().removeListener(onChange);
    }
}
