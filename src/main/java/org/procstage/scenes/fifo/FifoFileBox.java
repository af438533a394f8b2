package org.procstage.scenes.fifo;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.procstage.scenes.fifo.FifoPicture.FifoFile;

/** The FIFO drawn as what it is: an entry in a directory, type p, with no data on disk. */
final class FifoFileBox extends VBox {
    static final double WIDTH = 280;

    private final Label name = new Label();
    private final Label ls = new Label();
    private final Label type = new Label();
    private final Label kernel = new Label();
    private final Label buffer = new Label();

    FifoFileBox() {
        setId("fifo-file");
        getStyleClass().add("fifo-file");
        setAlignment(Pos.TOP_CENTER);
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setMinHeight(130);
        name.getStyleClass().add("fifo-file-name");
        ls.getStyleClass().addAll("fifo-mono", "fifo-file-ls");
        ls.setId("fifo-ls");
        for (Label l : new Label[] {type, kernel, buffer}) {
            l.setWrapText(true);
            l.getStyleClass().add("fifo-file-detail");
        }
        buffer.getStyleClass().add("fifo-file-buffer");
        getChildren().addAll(name, ls, type, kernel, buffer);
    }

    void show(FifoPicture p) {
        FifoFile f = p.file();
        getStyleClass().removeAll("absent", "removed");
        name.setText(f.name());
        if (!f.made()) {
            getStyleClass().add("absent");
            ls.setText("");
            type.setText("no such file yet: mkfifo() makes it");
            kernel.setText("");
            buffer.setText("");
            return;
        }
        ls.setText(f.mode());
        type.setText(f.removed() ? "unlinked: the name is gone (open descriptors would still work)"
                : "type " + f.fileType() + " = FIFO · inode " + f.inode() + " · size 0");
        kernel.setText(f.kernelType().isEmpty() ? "" : f.kernelType().equals("gone")
                ? "app's stat(): no such file" : "app's stat(): " + f.kernelMode());
        boolean inTransit = !p.written().isEmpty() && p.readText().isEmpty();
        buffer.setText(inTransit ? "in the kernel buffer: \"" + p.written() + "\"" : "");
        if (f.removed()) {
            getStyleClass().add("removed");
        }
    }
}
