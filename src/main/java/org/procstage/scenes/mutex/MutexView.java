package org.procstage.scenes.mutex;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The mutex, drawn: the lock with its owner, the queue of waiters with the kernel's proof that each
 * sleeps in a futex wait, the shared log file, the fast-path measurement and the timeline.
 */
public final class MutexView implements SceneView {
    private final MutexViewModel model;
    private final PlayerViewModel player;
    private final VBox root = new VBox(10);
    private final Label caption = new Label();
    private final HBox ownerRow = new HBox(12);
    private final VBox queueBox = new VBox(6);
    private final VBox logLines = new VBox(2);
    private final Label logStatus = new Label();
    private final Label fastUncontended = new Label();
    private final Label fastContended = new Label();
    private final MutexTimeline timeline = new MutexTimeline();
    private final ChangeListener<MutexState> onState = (o, a, s) -> show(s);

    public MutexView(MutexViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        Theme.useSceneStylesheet(root, "mutex");
        root.getStyleClass().add("mutex");
        root.setPadding(new Insets(10, 16, 10, 16));
        ViewportWidth.follow(root, 800, 1100);
        caption.getStyleClass().addAll("scene-caption", "mutex-caption");
        caption.setId("mutex-caption");
        caption.setWrapText(true);
        caption.setMinHeight(64);
        Node lock = lockPanel();
        VBox right = new VBox(10, logPanel(), fastPathPanel());
        HBox.setHgrow(lock, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(right, javafx.scene.layout.Priority.ALWAYS);
        HBox top = new HBox(16, lock, right);
        root.getChildren().addAll(caption, top, timelinePanel());
        model.stateProperty().addListener(onState);
        show(model.stateProperty().get());
    }

    private Node lockPanel() {
        Label title = box("The lock: a pthread mutex, process-shared");
        ownerRow.setAlignment(Pos.CENTER_LEFT);
        Label queueTitle = new Label("Waiting queue, in the order they blocked:");
        queueTitle.getStyleClass().add("mutex-subtitle");
        queueTitle.setWrapText(true);
        VBox panel = new VBox(8, title, ownerRow, queueTitle, queueBox);
        panel.getStyleClass().addAll("mutex-panel", "mutex-lock-panel");
        panel.setPrefWidth(470);
        panel.setMinWidth(390);
        return panel;
    }

    private Node logPanel() {
        Label title = box("shared-log.txt (each line is one critical section)");
        title.setWrapText(true);
        logStatus.getStyleClass().add("mutex-log-status");
        logStatus.setWrapText(true);
        VBox panel = new VBox(6, title, logLines, logStatus);
        panel.getStyleClass().add("mutex-panel");
        panel.setPrefWidth(460);
        panel.setMinWidth(360);
        return panel;
    }

    private Node fastPathPanel() {
        fastUncontended.getStyleClass().add("mutex-fast");
        fastUncontended.setId("mutex-fast-uncontended");
        fastContended.getStyleClass().add("mutex-fast");
        fastContended.setId("mutex-fast-contended");
        fastUncontended.setWrapText(true);
        fastContended.setWrapText(true);
        Label title = box("Futex fast path: voluntary context switches around lock() (/proc/self/status)");
        title.setWrapText(true);
        VBox panel = new VBox(2, title, fastUncontended, fastContended);
        panel.getStyleClass().add("mutex-panel");
        return panel;
    }

    private Node timelinePanel() {
        Region hold = new Region();
        hold.getStyleClass().addAll("mutex-bar", "mutex-hold", "mutex-legend-swatch");
        Region wait = new Region();
        wait.getStyleClass().addAll("mutex-bar", "mutex-wait", "mutex-legend-swatch");
        Label sample = new Label("▲ kernel saw it asleep: S in futex wait");
        sample.getStyleClass().add("mutex-legend");
        HBox legend = new HBox(16, new Label("holds the lock (#grant)", hold), new Label("blocked, waiting", wait), sample);
        legend.getStyleClass().add("mutex-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        VBox panel = new VBox(6, box("Timeline: the solid bars (critical sections) never overlap"), legend, timeline);
        panel.getStyleClass().add("mutex-panel");
        return panel;
    }

    private static Label box(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("mutex-box-title");
        l.setWrapText(true);
        return l;
    }

    private void show(MutexState s) {
        caption.setText(s.caption());
        ownerRow.getChildren().setAll(Padlock.of(s.owner() != 0, 52), ownerCard(s));
        queueBox.getChildren().clear();
        for (MutexState.Waiting w : s.queue()) {
            queueBox.getChildren().add(waiterCard(s, w));
        }
        if (s.queue().isEmpty()) {
            Label none = new Label("nobody waits");
            none.getStyleClass().add("mutex-hint");
            queueBox.getChildren().add(none);
        }
        showLog(s);
        fastUncontended.setText(fast(s, s.uncontended(), "uncontended lock"));
        fastContended.setText(fast(s, s.contended(), "contended lock"));
        timeline.show(s);
    }

    private Node ownerCard(MutexState s) {
        VBox card = new VBox(2);
        card.getStyleClass().add("mutex-owner");
        card.setId("mutex-owner");
        MutexState.Proc p = s.proc(s.owner());
        if (s.owner() == 0 || p == null) {
            Label free = new Label("FREE — nobody holds it");
            free.getStyleClass().add("mutex-owner-title");
            card.getChildren().add(free);
            card.getStyleClass().add("mutex-free");
            return card;
        }
        Label who = new Label("OWNER: " + name(p));
        who.getStyleClass().add("mutex-owner-title");
        Label turn = new Label(s.ownerGrant() > 0 ? "turn #" + s.ownerGrant() + ": in its critical section"
                : "in its critical section");
        turn.getStyleClass().add("mutex-evidence");
        card.getChildren().addAll(who, turn, kernelRow(p, false, s.ownerSince()));
        return card;
    }

    private Node waiterCard(MutexState s, MutexState.Waiting w) {
        MutexState.Proc p = s.proc(w.pid());
        VBox card = new VBox(2);
        card.getStyleClass().add("mutex-waiter");
        Label who = new Label((s.queue().indexOf(w) + 1) + ". " + (p == null ? "pid " + w.pid() : name(p)) + " — BLOCKED");
        who.getStyleClass().add("mutex-waiter-title");
        card.getChildren().add(who);
        if (p != null) {
            card.getChildren().add(kernelRow(p, true, w.since()));
        }
        return card;
    }

    /** The kernel's reading, but only one taken since the process took its current role. */
    private static Node kernelRow(MutexState.Proc p, boolean waiter, long since) {
        boolean fresh = p.sampledAt() >= since;
        String text = !fresh ? "kernel: no new reading since it " + (waiter ? "blocked" : "got the lock")
                : "kernel: " + p.state() + " " + StateBadge.describe(p.state()) + (p.wchan().isEmpty() ? "" : " in " + p.wchan());
        boolean proof = fresh && waiter && p.asleepOnFutex();
        if (proof) {
            text += "  ← asleep on the lock, not spinning";
        }
        Label l = new Label(text);
        l.getStyleClass().add(proof ? "mutex-evidence-strong" : "mutex-evidence");
        l.setWrapText(true);
        HBox row = new HBox(8, StateBadge.of(fresh ? p.state() : '?', 26), l);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String name(MutexState.Proc p) {
        return ("main".equals(p.role()) ? "main" : p.role()) + " · PID " + p.pid();
    }

    private void showLog(MutexState s) {
        List<String> lines = s.file().isEmpty() ? s.written() : s.file();
        logLines.getChildren().clear();
        for (String line : lines) {
            Label l = new Label(line);
            l.getStyleClass().add("mutex-log-line");
            logLines.getChildren().add(l);
        }
        if (lines.isEmpty()) {
            Label none = new Label("(empty)");
            none.getStyleClass().add("mutex-hint");
            logLines.getChildren().add(none);
        }
        logStatus.setText(s.file().isEmpty()
                ? "lines as the workers wrote them (the file is read back at the end)"
                : "read back from the file: " + s.file().size() + " whole lines, in the order of the grants");
    }

    private static String fast(MutexState s, MutexState.FastPath f, String what) {
        if (f == null) {
            return what + ": not measured yet";
        }
        MutexState.Proc p = s.proc(f.pid());
        String who = p == null ? "pid " + f.pid() : name(p);
        return String.format("%s (%s): %d → %d, %s", what, who, f.before(), f.after(),
                f.slept() == 0 ? "no sleep (one atomic instruction)" : "+" + f.slept() + ": slept in the kernel (futex)");
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void dispose() {
        model.stateProperty().removeListener(onState);
    }
}
