package org.procstage.ui;

import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.procstage.protocol.EventCodec;
import org.procstage.run.ProbeInstaller;
import org.procstage.run.ProcessStarter;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.ScenarioCatalog;
import org.procstage.session.LiveRunFactory;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceReader;

/** The desktop app: the scene list, and one scene at a time in the player. */
public final class ProcStageApp extends Application {
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();
    private final ProcessStarter starter = new ProcessStarter();
    private final LiveRunFactory runs = LiveRunFactory.of(new ProbeInstaller(), starter);
    private final StackPane root = new StackPane();
    private SceneListView list;
    private SceneHost current;

    @Override
    public void start(Stage stage) {
        list = new SceneListView(catalog, s -> openLive(s), this::chooseTrace);
        root.getChildren().setAll(list);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1600, screen.getWidth()), Math.min(960, screen.getHeight()));
        Theme.apply(scene);
        // Scene-wide, so Space/P/R work wherever focus happens to be (or when nothing has it).
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (current != null) {
                current.view().onKey(e);
            }
        });
        stage.setTitle("ProcStage");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> leaveScene());
        stage.setMaximized(true); // projector first: use the whole screen
        stage.show();
        List<String> args = getParameters().getRaw();
        int i = args.indexOf("--scene");
        if (i >= 0 && i + 1 < args.size()) {
            Optional<Scenario> s = catalog.find(args.get(i + 1));
            s.ifPresentOrElse(this::openLive, () -> System.err.println("unknown scene: " + args.get(i + 1)));
        } else {
            list.focusList();
        }
    }

    public void openLive(Scenario scenario) {
        SceneHost host = show(scenario);
        host.player().startLive(true);
    }

    public void openTrace(Trace trace) {
        catalog.find(trace.header().scenario()).ifPresentOrElse(s -> show(s).player().openTrace(trace),
                () -> System.err.println("this build has no scene " + trace.header().scenario()));
    }

    private SceneHost show(Scenario scenario) {
        leaveScene();
        current = new SceneHost(scenario, runs, Platform::runLater, this::backToList, this::openTrace);
        root.getChildren().setAll(current.view());
        current.view().requestFocus();
        return current;
    }

    private void backToList() {
        leaveScene();
        root.getChildren().setAll(list);
        list.focusList();
    }

    private void leaveScene() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }

    private void chooseTrace() {
        File f = new FileChooser().showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            try {
                openTrace(new TraceReader(new EventCodec()).read(f.toPath()));
            } catch (Exception e) {
                System.err.println(f + ": " + e.getMessage());
            }
        }
    }

    /** For tests: the scene on screen. */
    public SceneHost current() {
        return current;
    }

    @Override
    public void stop() {
        leaveScene();
        starter.close();
    }
}
