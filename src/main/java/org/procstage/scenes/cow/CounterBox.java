package org.procstage.scenes.cow;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.procstage.scenes.cow.CowBoard.Column;

/** The kernel's own figures for the region (smaps) and the process's minor page faults. */
final class CounterBox extends VBox {
    private CounterBox() {
        getStyleClass().add("cow-counters");
        setPrefWidth(CowView.PAGE_W);
        setMinWidth(CowView.PAGE_W);
    }

    static CounterBox of(Column c, int pageKb) {
        CounterBox box = new CounterBox();
        box.setId(c.role() + "-counters");
        if (!c.mapped()) {
            box.getChildren().addAll(line(c.status().equals("reaped") ? "exited, reaped" : "exited"),
                    line("its mappings are gone"));
            return box;
        }
        box.getChildren().addAll(
                line("Shared_Dirty  " + kb(c.sharedDirtyKb(), pageKb)),
                line("Private_Dirty " + kb(c.privateDirtyKb(), pageKb)),
                line("minor faults  " + (c.minorFaults() < 0 ? "—" : Long.toString(c.minorFaults()))));
        return box;
    }

    /** kB as smaps prints it. */
    private static String kb(long kb, int pageKb) {
        if (kb < 0) {
            return "—";
        }
        return String.format("%2d kB", kb);
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cow-counter");
        return l;
    }
}
