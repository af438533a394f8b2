package org.procstage.scenes.fifo;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.procstage.scenes.fifo.FifoPicture.FifoFile;

/** The FIFO drawn as what it is: an entry in a directory, type p, with no data on disk. */
final class FifoFileBox extends VBox {
    private final Label name = new Label();
    private final Label ls = new Label();
    private final Label type = new Label();
    private final Label kernel = new Label();
    private final Label buffer = new Label();

    FifoFileBox() {
        setId("fifo-file");
        getStyleClass().add("fifo-file");
        setAlignment(Pos.TOP_CENTER);
        setPrefWidth(280);
        setMinWidth(280);
        setMaxWidth(280);
        setMinHeight(150);
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
            type.setText("no such file yet — mkfifo() will make it");
            kernel.setText("");
            buffer.setText("");
            return;
        }
        ls.setText(f.mode());
        type.setText(f.removed() ? "unlinked: the name is gone (open descriptors would still work)"
                : "type " + f.fileType() + ": a FIFO, a pipe with a name\ninode " + f.inode() + " · size 0");
        kernel.setText(f.kernelType().isEmpty() ? "" : f.kernelType().equals("gone")
                ? "the app's stat(): no such file" : "the app's stat(): type " + f.kernelType() + ", " + f.kernelMode());
        boolean inTransit = !p.written().isEmpty() && p.readText().isEmpty();
        buffer.setText(inTransit ? "in the kernel buffer: \"" + p.written() + "\"" : "");
        if (f.removed()) {
            getStyleClass().add("removed");
        }
    }
}
