package org.procstage.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.procstage.scenes.Scenario;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.StepBoundaries;
import org.procstage.trace.Trace;

/** Renders a scene offscreen to PNG at 1920x1080 — the size of a projector. */
public final class SceneRenderer {
    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;

    private SceneRenderer() {
    }

    /** Starts JavaFX without a display (Monocle, software rendering). */
    public static void startHeadless() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", WIDTH + "x" + HEIGHT + "-32");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        Platform.setImplicitExit(false);
    }

    /** steps < 0: the end of the trace. */
    public static CompletableFuture<Void> render(Scenario scenario, Trace trace, int steps, Path png) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                WritableImage image = renderNow(scenario, trace, steps);
                BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
                Path parent = png.toAbsolutePath().getParent();
                java.nio.file.Files.createDirectories(parent);
                ImageIO.write(buffered, "png", png.toFile());
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** On the FX thread: a scene host replaying the trace, laid out and snapshotted. */
    public static WritableImage renderNow(Scenario scenario, Trace trace, int steps) {
        LiveRunFactory none = (spec, sink, problems) -> {
            throw new IllegalStateException("a snapshot never starts probes");
        };
        SceneHost host = new SceneHost(scenario, none, Runnable::run, () -> { }, t -> { });
        try {
            host.player().animateProperty().set(false);
            host.player().openTrace(trace);
            int cursor = steps < 0 ? trace.events().size() : StepBoundaries.afterSteps(trace.events(), steps);
            host.player().seek(cursor);
            Scene scene = new Scene(host.view(), WIDTH, HEIGHT);
            Theme.apply(scene);
            host.view().applyCss();
            host.view().layout();
            host.view().settle();
            host.view().layout();
            return scene.snapshot(null);
        } finally {
            host.stop();
        }
    }
}
