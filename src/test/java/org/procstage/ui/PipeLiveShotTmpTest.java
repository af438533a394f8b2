package org.procstage.ui;

import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.procstage.scenes.pipe.PipeScenario;
import org.procstage.testing.FxAppHarness;

class PipeLiveShotTmpTest extends FxAppHarness {
    private void shot(String name) {
        fx(() -> {
            try {
                var img = stage.getScene().snapshot(null);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", Path.of("/tmp", name).toFile());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private void press(String id) {
        waitUntil(id, () -> onFx(() -> lookup(id).tryQuery().map(n -> !n.isDisabled()).orElse(false)));
        fx(() -> ((ButtonBase) lookup(id).query()).fire());
    }

    @Test
    void shots() throws Exception {
        startApp();
        fx(() -> stage.setWidth(1920));
        fx(() -> stage.setHeight(1080));
        fx(() -> app.openLive(new PipeScenario()));
        focus();
        Thread.sleep(1500);
        type(KeyCode.SPACE);
        Thread.sleep(800);
        type(KeyCode.SPACE);
        Thread.sleep(1000);
        for (int i = 0; i < 9; i++) {
            press("#step-writer");
            Thread.sleep(400);
        }
        Thread.sleep(800);
        shot("live-1.png");
        press("#read-one");
        Thread.sleep(300);
        press("#read-one");
        Thread.sleep(300);
        press("#read-one");
        Thread.sleep(1000);
        shot("live-2.png");
        stopApp();
    }
}
