package org.procstage.scenes.pipeline;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.procstage.scenes.pipeline.PipelinePicture.Pipe;

/**
 * One pipe between two processes, drawn as a tube holding the bytes that wait in it, with the
 * kernel's own count (FIONREAD) and how many write and read ends are still open anywhere.
 */
final class PipeRow extends HBox {
    private final Label arrow = new Label("▼");
    private final Label title = new Label();
    private final Label route = new Label();
    private final Label contents = new Label();
    private final StackPane tube = new StackPane(contents);
    private final Label count = new Label();
    private final Label ends = new Label();

    PipeRow(int index) {
        super(12);
        setId("pipe-row-" + index);
        getStyleClass().add("pipe-row");
        setAlignment(Pos.CENTER_LEFT);
        arrow.getStyleClass().add("pipe-arrow");
        arrow.setMinWidth(32);
        arrow.setAlignment(Pos.CENTER);
        title.getStyleClass().add("pipe-title");
        route.getStyleClass().add("pipe-route");
        VBox names = new VBox(0, title, route);
        names.setMinWidth(170);
        names.setPrefWidth(170);
        tube.getStyleClass().add("pipe-tube");
        tube.setMinWidth(320);
        tube.setPrefWidth(330);
        tube.setMaxWidth(330);
        StackPane.setAlignment(contents, Pos.CENTER_LEFT);
        contents.getStyleClass().add("pipe-contents");
        contents.setId("pipe-contents-" + index);
        count.getStyleClass().add("pipe-count");
        count.setId("pipe-count-" + index);
        ends.getStyleClass().add("pipe-ends");
        VBox numbers = new VBox(0, count, ends);
        getChildren().addAll(arrow, names, tube, numbers);
    }

    void show(Pipe p) {
        getStyleClass().removeAll("absent", "eof", "holding");
        title.setText("pipe " + p.index());
        route.setText(p.made() ? p.from() + " → " + p.to() : "");
        if (!p.made()) {
            getStyleClass().add("absent");
            contents.setText("");
            count.setText("not made yet");
            ends.setText("");
            return;
        }
        String buffered = p.buffered();
        contents.setText(buffered.isEmpty() ? (p.endOfFile() ? "EOF" : "empty") : PipelineViewModel.shown(buffered));
        if (!buffered.isEmpty()) {
            getStyleClass().add("holding");
        }
        if (p.endOfFile()) {
            getStyleClass().add("eof");
        }
        // The kernel's figure as last read; "was" when a write or read has happened since.
        String kernel = p.kernelBytes() == null ? "" : " · FIONREAD " + (p.kernelFresh() ? "" : "was ") + p.kernelBytes();
        count.setText(buffered.length() + " B waiting" + kernel);
        ends.setText(p.endOfFile() ? "reader got end of file" : p.endsKnown()
                ? "/proc: " + p.writeEnds() + " write end" + (p.writeEnds() == 1 ? "" : "s") + ", " + p.readEnds()
                + " read end" + (p.readEnds() == 1 ? "" : "s") : "");
    }
}
