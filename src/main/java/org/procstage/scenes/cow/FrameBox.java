package org.procstage.scenes.cow;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.procstage.scenes.cow.CowBoard.Frame;
import org.procstage.scenes.cow.CowBoard.FrameRow;

/** A physical page frame: its number when the kernel shows it (root), and who maps it. */
final class FrameBox extends VBox {
    private final Frame frame;

    private FrameBox(Frame frame, String id, double width, double height) {
        this.frame = frame;
        setId(id);
        getStyleClass().addAll("cow-frame", frame.owners().size() == 2 ? "shared" : "single");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        boolean shared = frame.owners().size() == 2;
        String hex = frame.pfn() == null ? "?" : "0x" + Long.toHexString(frame.pfn());
        Label number = new Label(shared || frame.pfn() == null ? "frame " + hex : hex);
        number.getStyleClass().add("cow-frame-number");
        String who = shared ? "parent + child · read-only" : frame.owners().get(0) + "'s";
        Label owners = new Label(who);
        owners.getStyleClass().add("cow-frame-owners");
        getChildren().addAll(number, owners);
    }

    Frame frame() {
        return frame;
    }

    /** One box across the column for a shared frame, or two side by side (parent left, child right). */
    static List<FrameBox> forRow(FrameRow row, double x, double y, double width, double height) {
        List<FrameBox> boxes = new ArrayList<>();
        if (row.frames().size() == 1) {
            Frame f = row.frames().get(0);
            String id = "frame-" + row.page() + (f.owners().size() == 2 ? "" : "-" + f.owners().get(0));
            FrameBox box = new FrameBox(f, id, width, height);
            box.relocate(x, y);
            boxes.add(box);
            return boxes;
        }
        double half = (width - 10) / 2;
        for (int i = 0; i < row.frames().size(); i++) {
            Frame f = row.frames().get(i);
            FrameBox box = new FrameBox(f, "frame-" + row.page() + "-" + f.owners().get(0), half, height);
            box.relocate(x + i * (half + 10), y);
            boxes.add(box);
        }
        return boxes;
    }
}
