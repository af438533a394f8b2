package org.procstage.scenes.fifo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.procstage.scenes.fdtable.FdEnd;
import org.procstage.scenes.fifo.FifoPicture.OpenCall;
import org.procstage.scenes.fifo.FifoPicture.Proc;
import org.procstage.session.PlayerViewModel;
import org.procstage.ui.Animations;
import org.procstage.ui.SceneView;
import org.procstage.ui.Theme;
import org.procstage.ui.StateBadge;

/**
 * The FIFO as a file in the middle, the writer on its left and the reader on its right (data
 * flows left to right), the root above; below, every open() call and what it returned.
 */
public final class FifoView implements SceneView {
    /** The scene is drawn at a fixed width (zoom scales it); labels wrap inside it. */
    static final double CONTENT_WIDTH = 940;

    private final FifoViewModel model;
    private final PlayerViewModel player;
    private final BorderPane root = new BorderPane();
    private final Label caption = new Label();
    private final FifoProcessCard rootCard = new FifoProcessCard("root");
    private final FifoProcessCard writerCard = new FifoProcessCard("writer");
    private final FifoProcessCard readerCard = new FifoProcessCard("reader");
    private final Label rootLink = link("fifo-link-root");
    private final Label writerLink = link("fifo-link-writer");
    private final Label readerLink = link("fifo-link-reader");
    private final FifoFileBox fileBox = new FifoFileBox();
    private final Label message = new Label();
    private final GridPane opens = new GridPane();
    private final ChangeListener<FifoPicture> onChange = (o, a, now) -> show(now);

    public FifoView(FifoViewModel model, PlayerViewModel player) {
        this.model = model;
        this.player = player;
        root.getStyleClass().add("fifo-scene");
        Theme.useSceneStylesheet(root, "fifo");
        Theme.sceneCaption(caption, "fifo-caption", CONTENT_WIDTH);
        caption.setMaxWidth(CONTENT_WIDTH);
        caption.textProperty().bind(model.actionProperty());

        GridPane stage = new GridPane();
        stage.setHgap(6);
        stage.setVgap(4);
        stage.setAlignment(Pos.TOP_CENTER);
        stage.add(rootCard, 2, 0);
        stage.add(rootLink, 2, 1);
        stage.add(writerCard, 0, 2);
        stage.add(writerLink, 1, 2);
        stage.add(fileBox, 2, 2);
        stage.add(readerLink, 3, 2);
        stage.add(readerCard, 4, 2);
        GridPane.setHalignment(rootCard, HPos.CENTER);
        GridPane.setHalignment(rootLink, HPos.CENTER);
        rootLink.setMaxWidth(FifoFileBox.WIDTH);
        rootLink.setPrefWidth(FifoFileBox.WIDTH);
        rootLink.setMinHeight(30);
        rootCard.setMinHeight(96);

        message.getStyleClass().add("fifo-message");
        message.setWrapText(true);
        message.setId("fifo-message");
        message.setPrefWidth(CONTENT_WIDTH);
        message.setMaxWidth(CONTENT_WIDTH);
        opens.getStyleClass().add("fifo-opens");
        opens.setHgap(14);
        opens.setVgap(2);
        opens.setId("fifo-opens");
        VBox center = new VBox(6, stage, message, opens);
        center.setPadding(new Insets(4, 12, 8, 12));

        VBox top = new VBox(caption);
        top.setPadding(new Insets(8, 12, 4, 12));
        root.setTop(top);
        root.setCenter(center);
        root.setBottom(legend());
        model.pictureProperty().addListener(onChange);
        show(model.pictureProperty().get());
    }

    private static Label link(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("fifo-link");
        l.setMinWidth(80);
        l.setPrefWidth(80);
        l.setMaxWidth(80);
        l.setWrapText(true);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private void show(FifoPicture p) {
        boolean animate = player.animateProperty().get();
        showCard(rootCard, find(p, "root"), animate);
        showCard(writerCard, find(p, "writer"), animate);
        showCard(readerCard, find(p, "reader"), animate);
        // Arrows point the way the data flows: into the FIFO from a writer, out of it to a reader.
        linkFor(rootLink, find(p, "root"), fd -> (fd.endsWith("reads") ? "▲ fd " : "▼ fd ") + fd);
        linkFor(writerLink, find(p, "writer"), fd -> "fd " + fd + " ▶");
        linkFor(readerLink, find(p, "reader"), fd -> "▶ fd " + fd);
        fileBox.show(p);
        message.setText(messageText(p));
        showOpens(p.opens());
    }

    private void showCard(FifoProcessCard card, Optional<Proc> proc, boolean animate) {
        boolean wasAbsent = card.getStyleClass().contains("absent");
        boolean changed = card.show(proc.orElse(null));
        if (proc.isPresent() && wasAbsent) {
            Animations.play(Animations.appear(card), animate, () -> {
                card.setOpacity(1);
                card.setScaleX(1);
                card.setScaleY(1);
            });
        } else if (changed && animate) {
            Animations.pulse(card).play();
        }
    }

    private static Optional<Proc> find(FifoPicture p, String role) {
        return p.processes().stream().filter(x -> x.role().equals(role)).findFirst();
    }

    /** The line between a process and the FIFO: open descriptors (from /proc), or a waiting open(). */
    private static void linkFor(Label link, Optional<Proc> proc, java.util.function.UnaryOperator<String> arrow) {
        link.getStyleClass().removeAll("link-open", "link-waiting", "link-pending");
        if (proc.isEmpty() || proc.get().reaped()) {
            link.setText("");
            return;
        }
        Proc x = proc.get();
        List<String> fds = new ArrayList<>();
        for (FdEnd e : x.fifoEnds()) {
            fds.add(e.fd() + (e.reads() ? " reads" : " writes"));
        }
        if (fds.isEmpty()) { // the kernel has not looked yet: what open() returned, by the probe's report
            for (String fd : x.probeFds()) {
                String[] parts = fd.split(" ", 2);
                fds.add(parts[0] + (parts[1].startsWith("O_RDONLY") ? " reads" : " writes"));
            }
        }
        if (!fds.isEmpty()) {
            StringBuilder s = new StringBuilder();
            for (String fd : fds) {
                s.append(s.length() > 0 ? "\n" : "").append(arrow.apply(fd));
            }
            link.setText(s.toString());
            link.getStyleClass().add("link-open");
        } else if (x.inOpen()) {
            boolean blocked = x.waitsForPartner();
            link.setText(blocked ? "open()\nwaits" : "open() …");
            link.getStyleClass().add(blocked ? "link-waiting" : "link-pending");
        } else {
            link.setText("");
        }
    }

    private static String messageText(FifoPicture p) {
        if (p.written().isEmpty()) {
            return "No data has gone through the FIFO yet.";
        }
        String s = "writer wrote \"" + p.written() + "\"";
        s += p.readText().isEmpty() ? " — it waits in the kernel's pipe buffer, not on disk"
                : p.readText().equals(p.written()) ? " → reader read it" : " → reader read \"" + p.readText() + "\"";
        if (p.endOfFile()) {
            s += "; writer closed → read() returned 0: end of file";
        }
        return s;
    }

    private void showOpens(List<OpenCall> calls) {
        opens.getChildren().clear();
        String[] heads = {"process", "open(\"demo.fifo\", …)", "result", "took"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add("fifo-opens-head");
            opens.add(h, i, 0);
        }
        int row = 1;
        for (OpenCall c : calls) {
            Label who = new Label(c.role() + " " + c.pid());
            Label mode = new Label(c.mode());
            mode.getStyleClass().add("fifo-mono");
            Label result = new Label(resultText(c));
            result.getStyleClass().add(c.pending() ? "open-pending" : c.failed() ? "open-failed" : "open-ok");
            Label took = new Label(c.pending() ? "" : c.ms() >= 1 ? Math.round(c.ms()) + " ms" : "< 1 ms");
            if (c.blockedSeen() && !c.pending()) {
                took.setText(took.getText() + ": slept in wait_for_partner");
            }
            opens.addRow(row++, who, mode, result, took);
        }
        if (calls.isEmpty()) {
            opens.add(new Label("none yet"), 0, 1, 4, 1);
        }
    }

    private static String resultText(OpenCall c) {
        if (c.pending()) {
            return c.blockedSeen() ? "▮▮ waiting (kernel: wait_for_partner)" : "… not returned yet";
        }
        return c.failed() ? "✘ -1, errno " + c.result() : "✔ " + c.result();
    }

    private Node legend() {
        FlowPane legend = new FlowPane(22, 4);
        legend.setPrefWrapLength(CONTENT_WIDTH);
        legend.getStyleClass().add("legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(4, 12, 4, 12));
        for (char s : new char[] {'R', 'S'}) {
            legend.getChildren().add(new Label(StateBadge.describe(s), StateBadge.of(s, 24)));
        }
        Label open = new Label("fd 4 writes ▶ open descriptor (/proc/PID/fd)");
        Label waiting = new Label("- - - asleep in open()");
        legend.getChildren().addAll(open, waiting);
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
