package org.procstage.scenes.fifo;

import java.util.List;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.scenes.fdtable.FdTableObserver;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** fifo: a named pipe — two processes that share nothing but a file name meet through it. */
public final class FifoScenario implements Scenario {
    /** The name the probe gives its FIFO, in the run's private working directory. */
    public static final String FIFO_NAME = "demo.fifo";

    @Override
    public String id() {
        return "fifo";
    }

    @Override
    public String title() {
        return "Named pipes (FIFO)";
    }

    @Override
    public String description() {
        return "mkfifo, then open by name: open() waits for the other side, O_NONBLOCK fails with ENXIO";
    }

    @Override
    public int maxProcesses() {
        return 4;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new FdTableObserver(), new FifoFileObserver(FIFO_NAME));
    }

    @Override
    public SceneModel createModel() {
        return new FifoViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new FifoView((FifoViewModel) model, player);
    }
}
