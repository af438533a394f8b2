package org.procstage.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.procstage.protocol.ProbeEvent;
import org.procstage.ui.ProcStageApp;
import org.procstage.ui.SceneHost;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real app headless (Monocle) for TestFX tests and reads what is on screen. */
public class FxAppHarness extends FxRobot {
    protected ProcStageApp app;
    protected Stage stage;

    @org.junit.jupiter.api.BeforeEach
    void startTheApp() throws Exception {
        startApp();
    }

    @org.junit.jupiter.api.AfterEach
    void stopTheApp() throws Exception {
        stopApp();
    }

    /** Opens a scene live and waits until its probe stands at its first step point. */
    protected void openLiveAtFirstStep(org.procstage.scenes.Scenario scenario) {
        fx(() -> app.openLive(scenario));
        focus();
        waitUntil("the probe waits at its first step", () -> host().player().waitingProperty().get() > 0);
    }

    protected void startApp(String... args) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (ProcStageApp) FxToolkit.setupApplication(ProcStageApp.class, args);
        focus();
    }

    protected void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    protected void focus() {
        Platform.runLater(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected SceneHost host() {
        return onFx(() -> app.current());
    }

    protected <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected void fx(Runnable r) {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    protected static void waitUntil(String what, Callable<Boolean> condition) {
        waitUntil(what, 20, condition);
    }

    /** For runs that are slow on purpose (a spinning process takes a core from the UI). */
    protected static void waitUntil(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    protected List<String> texts(String selector) {
        return onFx(() -> stage.getScene().getRoot().lookupAll(selector).stream().filter(Node::isVisible)
                .map(n -> ((Labeled) n).getText()).toList());
    }

    /** Pids the current run's probes and stage reported. */
    protected Set<Integer> runPids() {
        return onFx(() -> {
            Set<Integer> pids = new HashSet<>();
            for (ProbeEvent e : app.current().player().events()) {
                pids.add(e.pid());
                if (e.has("child")) {
                    pids.add(e.intField("child", 0));
                }
            }
            return pids;
        });
    }
}
