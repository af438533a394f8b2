package org.procstage.ui;

import java.io.File;
import java.io.IOException;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.procstage.protocol.EventCodec;
import org.procstage.run.ProbeInstaller;
import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.trace.TraceReader;
import org.procstage.trace.TraceWriter;

/**
 * The frame every scene plays in: controls, the probe's code, the scene itself, the kernel's
 * evidence, the event log and (in replay) a scrubber. Keys: Space step, Backspace step back,
 * P run/pause, R reset, Ctrl+plus/minus zoom, Ctrl+S save, Ctrl+O open, Esc back to the list.
 */
public final class ScenePlayerView extends BorderPane {
    private final PlayerViewModel player;
    private final SceneView sceneView;
    private final Group zoomGroup;
    private ScrollPane viewport;
    /** The lecturer's own zoom (Ctrl+plus/minus), on top of fitting the scene to the pane. */
    private double userZoom = 1;
    private final Runnable onLeave;
    private final CodePanel code;
    private final java.util.function.Consumer<org.procstage.trace.Trace> onOpenTrace;

    public ScenePlayerView(Scenario scenario, PlayerViewModel player, SceneView sceneView, Runnable onLeave,
                           java.util.function.Consumer<org.procstage.trace.Trace> onOpenTrace) {
        this.player = player;
        this.onOpenTrace = onOpenTrace;
        this.sceneView = sceneView;
        this.onLeave = onLeave;
        getStyleClass().add("scene-player");
        code = new CodePanel(ProbeInstaller.source(scenario.id()).orElse("// source of " + scenario.id() + " not in this build"));
        player.currentLineProperty().addListener((o, a, line) -> code.highlight(line.intValue()));
        code.highlight(player.currentLineProperty().get());

        zoomGroup = new Group(sceneView.node());
        ScrollPane stage = new ScrollPane(new StackPane(zoomGroup));
        viewport = stage;
        stage.viewportBoundsProperty().addListener((o, a, b) -> applyZoom());
        sceneView.node().layoutBoundsProperty().addListener((o, a, b) -> applyZoom());
        stage.getStyleClass().add("scene-stage");
        stage.setFitToWidth(true);
        stage.setFitToHeight(true);

        VBox codeBox = titled("Probe source — " + scenario.id() + ".c", code);
        VBox evidence = titled("Evidence", new EvidencePanel(player));
        SplitPane middle = new SplitPane(codeBox, stage, evidence);
        middle.setDividerPositions(0.27, 0.79);
        setTop(toolbar(scenario));
        setCenter(middle);
        setBottom(bottom());
    }

    private static VBox titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("panel-title");
        VBox box = new VBox(4, label, content);
        box.setPadding(new Insets(6));
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private ToolBar toolbar(Scenario scenario) {
        Button scenes = button("◀ Scenes", "Back to the scene list (Esc)", onLeave);
        scenes.setId("scenes-button");
        Label title = new Label(scenario.title());
        title.getStyleClass().add("scene-title");
        Button back = button("◀◀ Back", "Step back (Backspace) — replay only", player::stepBack);
        back.setId("back-button");
        back.disableProperty().bind(player.modeProperty().isNotEqualTo(PlayerViewModel.Mode.REPLAY));
        Button step = button("Step ▶▶", "Let the next process run to its next step point (Space)", player::step);
        step.setId("step-button");
        Button play = button("", "Run or pause at the chosen speed (P)", player::togglePlay);
        play.setId("play-button");
        play.textProperty().bind(Bindings.when(player.playingProperty()).then("❚❚ Pause").otherwise("▶ Run"));
        Button reset = button("⟲ Reset", "Kill this run's processes and start afresh (R)", player::reset);
        reset.setId("reset-button");
        Slider speed = new Slider(0.25, 4, 1);
        speed.setPrefWidth(140);
        speed.valueProperty().bindBidirectional(player.speedProperty());
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(Bindings.format("%.2gx", player.speedProperty()));
        Button open = button("Open…", "Open a recorded trace (Ctrl+O)", this::openTrace);
        Button save = button("Save…", "Save this run as a trace (Ctrl+S)", this::saveTrace);
        Button zoomOut = button("−", "Zoom out (Ctrl+minus)", () -> zoom(1 / 1.15));
        Button zoomIn = button("+", "Zoom in (Ctrl+plus)", () -> zoom(1.15));
        return new ToolBar(scenes, new Separator(Orientation.VERTICAL), title, new Separator(Orientation.VERTICAL),
                back, step, play, reset, new Label("Speed"), speed, speedLabel,
                new Separator(Orientation.VERTICAL), open, save, new Separator(Orientation.VERTICAL),
                new Label("Zoom"), zoomOut, zoomIn);
    }

    private Node bottom() {
        Label status = new Label();
        status.getStyleClass().add("status-line");
        status.textProperty().bind(player.statusProperty());
        Label next = new Label();
        next.getStyleClass().add("next-step");
        next.textProperty().bind(Bindings.createStringBinding(() -> {
            String s = player.currentStepProperty().get();
            int w = player.waitingProperty().get();
            return (s.isEmpty() ? "" : s) + (w > 1 ? "   (" + w + " processes waiting at step points)" : "");
        }, player.currentStepProperty(), player.waitingProperty()));
        Label problem = new Label();
        problem.getStyleClass().add("problem-line");
        problem.textProperty().bind(Bindings.when(player.problemProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("⚠ ", player.problemProperty())));
        Slider scrubber = new Slider(0, 1, 0);
        scrubber.setId("scrubber");
        scrubber.maxProperty().bind(player.totalProperty());
        scrubber.disableProperty().bind(player.modeProperty().isNotEqualTo(PlayerViewModel.Mode.REPLAY));
        player.cursorProperty().addListener((o, a, c) -> scrubber.setValue(c.doubleValue()));
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (scrubber.isValueChanging() || scrubber.isPressed()) {
                player.seek((int) Math.round(v.doubleValue()));
            }
        });
        Label position = new Label();
        position.textProperty().bind(Bindings.format("event %d / %d", player.cursorProperty(), player.totalProperty()));
        HBox scrub = new HBox(10, new Label("Replay"), scrubber, position);
        scrub.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        EventLogPanel log = new EventLogPanel(player);
        log.setPrefHeight(190);
        VBox box = new VBox(4, new HBox(16, status, next), problem, scrub, log);
        box.setPadding(new Insets(6, 10, 8, 10));
        return box;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    /** Keyboard control; the app routes every key press of the window here while the scene is open. */
    public void onKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl && !e.isShortcutDown()) {
            return; // keys typed into a scene's text field are text (Space, R, P, Backspace), not commands
        }
        if (e.isShortcutDown()) {
            switch (e.getCode()) {
                case EQUALS, PLUS, ADD -> zoom(1.15);
                case MINUS, SUBTRACT -> zoom(1 / 1.15);
                case DIGIT0 -> zoom(0);
                case S -> saveTrace();
                case O -> openTrace();
                default -> { return; }
            }
            e.consume();
            return;
        }
        switch (e.getCode()) {
            case SPACE, RIGHT -> player.step();
            case BACK_SPACE, LEFT -> player.stepBack();
            case P -> player.togglePlay();
            case R -> player.reset();
            case ESCAPE -> onLeave.run();
            default -> { return; }
        }
        e.consume();
    }

    /** factor 0 restores 100%. */
    public void zoom(double factor) {
        userZoom = factor == 0 ? 1 : Math.max(0.4, Math.min(3, userZoom * factor));
        applyZoom();
    }

    /**
     * A scene larger than its pane is scaled down to fit (never up, never below 60%), so nothing
     * hides off-screen on a projector or in a smaller window; the lecturer's zoom multiplies that.
     */
    private void applyZoom() {
        javafx.geometry.Bounds pane = viewport.getViewportBounds();
        javafx.geometry.Bounds content = sceneView.node().getLayoutBounds();
        double fit = 1;
        if (pane.getWidth() > 0 && content.getWidth() > 0 && content.getHeight() > 0) {
            fit = Math.max(0.6, Math.min(1, Math.min(pane.getWidth() / content.getWidth(),
                    pane.getHeight() / content.getHeight())));
        }
        double scale = fit * userZoom;
        // Scale the scene inside the group: a node's own transform is not in its layout bounds,
        // the group's bounds (which the pane lays out and scrolls) are the scaled ones.
        javafx.scene.Node scaled = sceneView.node();
        if (Math.abs(scaled.getScaleX() - scale) > 0.005) {
            scaled.setScaleX(scale);
            scaled.setScaleY(scale);
        }
    }

    private void saveTrace() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(player.scenarioId() + ".ndjson");
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                new TraceWriter(new EventCodec()).write(f.toPath(), player.recordedTrace());
            } catch (IOException ex) {
                player.reportProblem("cannot save the trace: " + ex.getMessage());
            }
        }
    }

    private void openTrace() {
        FileChooser chooser = new FileChooser();
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            try {
                onOpenTrace.accept(new TraceReader(new EventCodec()).read(f.toPath()));
            } catch (IOException | TraceReader.TraceFormatException ex) {
                player.reportProblem(f.getName() + ": " + ex.getMessage());
            }
        }
    }

    /** After the first layout (snapshots): scroll the code to the current step again, now that it has a size. */
    public void settle() {
        code.highlight(player.currentLineProperty().get());
    }

    public void dispose() {
        sceneView.dispose();
    }
}
