package org.procstage.scenes.pipe;

import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.procstage.run.StepGates;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The pipe scene: the writer(s), the buffer to scale, the reader, the page-sized wake-up, every
 * process's descriptor table, and the results of EOF, SIGPIPE and PIPE_BUF. In a live run each
 * process waiting at a step point gets its own Step button, so writer and reader move independently.
 */
public final class PipeView implements SceneView {
    static final double WIDTH = 960;
    private static final Map<Integer, String> PHASES = Map.of(1, "1 Fill", 2, "2 Empty & small", 3, "3 EOF",
            4, "4 SIGPIPE", 5, "5 PIPE_BUF");
    private static final Map<Integer, String> LESSONS = Map.of(
            1, "512-byte writes into a 64 KiB pipe; the reader starts late and takes 512 bytes at a time.",
            2, "The reader reads before anything is written; the pipe is 4 KiB; the writer writes 1000-byte records.",
            3, "read() returns 0 only when no process holds a write end — a forgotten copy in the parent counts too.",
            4, "The reader is gone when the writer writes: SIGPIPE kills it — or, with SIGPIPE ignored, write() fails with EPIPE.",
            5, "Two writers, one pipe: a write of at most PIPE_BUF bytes is never split; a bigger one may be.");

    private final PipeViewModel model;
    private final PlayerViewModel player;
    private final VBox root = new VBox();
    private final Label caption = new Label();
    private final HBox phases = new HBox(8);
    private final Label lesson = new Label();
    private final VBox writers = new VBox(8);
    private final VBox readers = new VBox(8);
    private final PipeBufferNode buffer = new PipeBufferNode();
    private final VBox wake = new VBox();
    private final FlowPane tables = new FlowPane(8, 8);
    private final VBox results = new VBox(6);
    private final HBox controls = new HBox(10);
    private final ToggleButton shrink = new ToggleButton("Shrink next pipe to 4 KiB");
    private final ToggleButton forget = new ToggleButton("Bug: parent keeps its write end");
    private final Button repeat = new Button("Repeat EOF part");
    private final ListChangeListener<StepGates.Gate> onGates = c -> render();
    private final javafx.beans.value.ChangeListener<PipeScene> onScene = (o, a, b) -> render();

    public PipeView(PipeViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("pipe-scene");
        Theme.useSceneStylesheet(root, "pipe");
        root.setPrefWidth(WIDTH);
        caption.getStyleClass().add("scene-caption");
        caption.setId("pipe-caption");
        caption.setWrapText(true);
        caption.setMinHeight(60);
        caption.setAlignment(Pos.TOP_LEFT);
        caption.setMaxWidth(WIDTH - 24);
        lesson.getStyleClass().add("phase-title");
        lesson.setWrapText(true);
        lesson.setMaxWidth(WIDTH - 24);
        phases.setAlignment(Pos.CENTER_LEFT);
        writers.setMinWidth(ProcessPanel.WIDTH);
        readers.setMinWidth(ProcessPanel.WIDTH);
        HBox stage = new HBox(10, writers, buffer, readers);
        stage.setAlignment(Pos.TOP_CENTER);
        wake.setId("wake-meter");
        wake.getStyleClass().add("wake-box");
        wake.setMaxWidth(WIDTH - 24);
        controls.getStyleClass().add("pipe-controls");
        controls.setAlignment(Pos.CENTER_LEFT);
        shrink.setId("shrink-toggle");
        forget.setId("forget-toggle");
        repeat.setId("repeat-eof");
        shrink.setFocusTraversable(false);
        forget.setFocusTraversable(false);
        repeat.setFocusTraversable(false);
        shrink.setOnAction(e -> model.controls().setShrink(shrink.isSelected()));
        forget.setOnAction(e -> model.controls().setForget(forget.isSelected()));
        repeat.setOnAction(e -> model.controls().repeatEof());
        controls.getChildren().addAll(shrink, forget, repeat);
        root.getChildren().addAll(caption, phases, lesson, controls, stage, wake, results, tables, legend());
        model.sceneProperty().addListener(onScene);
        player.gates().addListener(onGates);
        render();
    }

    private void render() {
        PipeScene s = model.sceneProperty().get();
        caption.setText(s.caption().isEmpty() ? "A pipe: a kernel buffer with a write end and a read end" : s.caption());
        phases.getChildren().clear();
        for (int i = 1; i <= 5; i++) {
            Label chip = new Label((i == s.phase() ? "▶ " : "") + PHASES.get(i));
            chip.getStyleClass().add("phase-chip");
            if (i == s.phase()) {
                chip.getStyleClass().add("current");
            }
            phases.getChildren().add(chip);
        }
        lesson.setText(s.phase() == 0 ? "" : s.phaseTitle() + ". " + LESSONS.getOrDefault(s.phase(), ""));
        boolean live = model.controls().live();
        List<StepGates.Gate> gates = player.gates();
        writers.getChildren().clear();
        readers.getChildren().clear();
        for (PipeScene.Proc p : s.processes()) {
            VBox card = ProcessPanel.card(p, live ? actions(p, s, gates) : null);
            (p.isReader() ? readers : writers).getChildren().add(card);
        }
        buffer.show(s.pipe(), player.animateProperty().get());
        renderWake(s);
        renderTables(s);
        results.getChildren().clear();
        for (PipeScene.PipeBufRound round : s.pipeBuf()) {
            results.getChildren().add(PipeBufStrip.of(round, WIDTH - 40));
        }
        if (!s.pipeBuf().isEmpty()) {
            Label key = new Label("The stream as the reader got it, to scale: A / B = writer A's / B's bytes; "
                    + "a black bar = the end of one of a writer's records");
            key.setWrapText(true);
            key.setMaxWidth(WIDTH - 24);
            results.getChildren().add(key);
        }
        if (s.pipeBuf().isEmpty()) {
            for (String line : s.results()) {
                Label l = new Label("• " + line);
                l.getStyleClass().add("result-line");
                l.setWrapText(true);
                l.setMaxWidth(WIDTH - 24);
                results.getChildren().add(l);
            }
        }
        controls.setVisible(live);
        controls.setManaged(live);
        shrink.setSelected(s.shrink());
        forget.setSelected(s.forget());
        repeat.setDisable(!waitsAt(gates, model.parentPid(), "Repeat"));
    }

    private ProcessPanel.Actions actions(PipeScene.Proc p, PipeScene s, List<StepGates.Gate> gates) {
        if (p.gone() || !waitsAt(gates, p.pid(), "")) {
            return null;
        }
        boolean flow = s.phase() <= 2;
        return new ProcessPanel.Actions(() -> model.controls().step(p.pid()),
                p.isReader() && flow ? () -> model.controls().read(p.pid(), 512, 1) : null,
                p.isReader() && flow ? () -> model.controls().read(p.pid(), 4096, 1024) : null,
                p.isWriter() && flow ? () -> model.controls().closeWriter(p.pid()) : null);
    }

    private static boolean waitsAt(List<StepGates.Gate> gates, int pid, String nameContains) {
        return gates.stream().anyMatch(g -> g.pid() == pid && g.name().contains(nameContains));
    }

    private void renderWake(PipeScene s) {
        PipeScene.PageWake w = s.wake();
        wake.getChildren().clear();
        wake.setVisible(w.shown());
        wake.setManaged(w.shown());
        if (!w.shown()) {
            return;
        }
        if (w.wokeAfter() != null) {
            wake.getChildren().add(wakeLine("Last wake-up: the writer wrote again only after the reader took " + w.wokeAfter()
                    + " B in " + w.wokeAfterReads() + " reads — a whole page, not one read", w.wokeAfter()));
        }
        if (w.asleep()) {
            wake.getChildren().add(wakeLine("Writer waiting: the reader has taken " + w.readWhileAsleep() + " B in "
                    + w.readsWhileAsleep() + " reads since — it wakes when a whole page slot is free", w.readWhileAsleep()));
        }
    }

    private static Node wakeLine(String sentence, long bytes) {
        Label text = new Label(sentence);
        text.getStyleClass().add("wake-text");
        text.setWrapText(true);
        text.setMaxWidth(WIDTH - 50);
        HBox segments = new HBox(3);
        for (int i = 0; i < 8; i++) {
            Rectangle seg = new Rectangle(40, 16);
            seg.getStyleClass().add("wake-seg");
            if (bytes >= (i + 1) * 512L) {
                seg.getStyleClass().add("done");
            }
            segments.getChildren().add(seg);
        }
        Label scale = new Label("one page = 4096 B = 8 × 512");
        HBox row = new HBox(10, segments, scale);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, text, row);
    }

    private void renderTables(PipeScene s) {
        tables.getChildren().clear();
        long inode = s.pipe() == null ? -1 : s.pipe().inode();
        if (s.parent() != null) {
            boolean writerDone = s.processes().stream().anyMatch(p -> p.isWriter() && p.gone());
            tables.getChildren().add(FdTable.of("parent", s.parent(), inode, s.phase() == 3 && writerDone));
        }
        for (PipeScene.Proc p : s.processes()) {
            tables.getChildren().add(FdTable.of(p.name().isEmpty() ? p.role() : p.name(), p, inode, false));
        }
    }

    private Node legend() {
        HBox legend = new HBox(18);
        legend.getStyleClass().add("pipe-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(4, 8, 4, 8));
        for (char c : new char[] {'R', 'S', 'Z'}) {
            legend.getChildren().add(new Label(StateBadge.describe(c), StateBadge.of(c, 22)));
        }
        legend.getChildren().addAll(new Label("◀ read end · ▶ write end"), new Label("❚❚ blocked (kernel: S + wchan)"));
        return legend;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.sceneProperty().removeListener(onScene);
        player.gates().removeListener(onGates);
    }
}
