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

    /** Where a frame box goes: its id, its frame, its left edge and width. */
    record Slot(String id, Frame frame, double x, double width) {
    }

    /** One box across the column for a shared frame, or two side by side (parent left, child right). */
    static List<Slot> slots(FrameRow row, double x, double width) {
        List<Slot> slots = new ArrayList<>();
        if (row.frames().size() == 1) {
            Frame f = row.frames().get(0);
            String id = "frame-" + row.page() + (f.owners().size() == 2 ? "" : "-" + f.owners().get(0));
            slots.add(new Slot(id, f, x, width));
            return slots;
        }
        double half = (width - 10) / 2;
        for (int i = 0; i < row.frames().size(); i++) {
            Frame f = row.frames().get(i);
            slots.add(new Slot("frame-" + row.page() + "-" + f.owners().get(0), f, x + i * (half + 10), half));
        }
        return slots;
    }

    static FrameBox of(Slot slot, double height) {
        return new FrameBox(slot.frame(), slot.id(), slot.width(), height);
    }
}
