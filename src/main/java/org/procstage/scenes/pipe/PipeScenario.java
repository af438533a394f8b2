package org.procstage.scenes.pipe;

import java.util.List;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** pipe: the kernel buffer between a writer and a reader — fill, block, EOF, SIGPIPE, PIPE_BUF. */
public final class PipeScenario implements Scenario {
    @Override
    public String id() {
        return "pipe";
    }

    @Override
    public String title() {
        return "Pipe buffer";
    }

    @Override
    public String description() {
        return "A real pipe's buffer fills, the writer blocks, EOF and SIGPIPE arrive — with the kernel's own numbers";
    }

    /** Every fork of a run counts: 5 phases, extra rounds, and repeats of the EOF part in a paced run. */
    @Override
    public int maxProcesses() {
        return 40;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new DescriptorTableObserver());
    }

    @Override
    public SceneModel createModel() {
        return new PipeViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new PipeView((PipeViewModel) model, player);
    }
}
