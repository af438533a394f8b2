package org.procstage.scenes.signals;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.procstage.scenes.signals.SignalBoard.Delivery;
import org.procstage.scenes.signals.SignalBoard.Stage;

/**
 * The slides' path of one signal: pending → checked on the way back to user mode → handler frame
 * pushed, handler runs → sigreturn; or a default action instead. The current stop is marked with
 * "▶" and a thick border, the stops already passed with "✔".
 */
final class DeliveryPath extends VBox {
    private static final List<String> STOPS = List.of(
            "① kill(): marked pending",
            "② return to user mode: kernel checks",
            "③ frame pushed: handler runs",
            "④ sigreturn: work resumes");

    DeliveryPath(Delivery d) {
        getStyleClass().add("delivery");
        setSpacing(6);
        Label title = new Label(d == null ? "Delivery path — no signal sent yet"
                : "Delivery of " + SignalNames.sig(d.signo()) + " (" + d.signo() + ")");
        title.getStyleClass().add("delivery-title");
        HBox path = new HBox(6);
        path.setAlignment(Pos.CENTER_LEFT);
        int at = d == null ? -1 : position(d.stage());
        int passed = d == null ? 0 : passed(d.stage());
        for (int i = 0; i < STOPS.size(); i++) {
            if (i > 0) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("delivery-arrow");
                path.getChildren().add(arrow);
            }
            path.getChildren().add(stop("stop-" + (i + 1), STOPS.get(i), i < passed, i == at));
        }
        Label or = new Label("or");
        or.getStyleClass().add("delivery-arrow");
        String fallback = d == null ? "default action" : defaultText(d);
        path.getChildren().addAll(or, stop("stop-default", fallback, false, at == 4));
        Label detail = new Label(d == null ? "" : d.detail());
        detail.setId("delivery-detail");
        detail.getStyleClass().add("delivery-detail");
        detail.setWrapText(true);
        getChildren().addAll(title, path, detail);
    }

    /** 0-3: a stop on the handler path; 4: a default action instead. */
    private static int position(Stage s) {
        return switch (s) {
            case SENT, PENDING, HELD -> 0;
            case HANDLER -> 2;
            case RESUMED -> 3;
            case DISCARDED, STOPPED, CONTINUED, TERMINATED -> 4;
        };
    }

    /** How many stops of the handler path the signal went through. */
    private static int passed(Stage s) {
        return switch (s) {
            case SENT, PENDING, HELD, DISCARDED, CONTINUED -> 0; // ignore and SIGCONT act when sent
            case HANDLER, STOPPED, TERMINATED -> 2;
            case RESUMED -> 3;
        };
    }

    private static String defaultText(Delivery d) {
        return switch (d.stage()) {
            case DISCARDED -> "ignored: discarded";
            case STOPPED -> "default: stop (T)";
            case CONTINUED -> "SIGCONT: runs again";
            case TERMINATED -> "default: terminate";
            default -> "default action: " + SignalNames.defaultAction(d.signo());
        };
    }

    private static Label stop(String id, String text, boolean passed, boolean current) {
        Label l = new Label((current ? "▶ " : passed ? "✔ " : "") + text);
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("delivery-stop");
        if (current) {
            l.getStyleClass().add("current");
        } else if (passed) {
            l.getStyleClass().add("passed");
        }
        l.setPrefWidth(158);
        l.setMinHeight(50);
        return l;
    }
}
