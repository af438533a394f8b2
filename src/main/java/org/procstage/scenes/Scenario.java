package org.procstage.scenes;

import java.util.List;
import org.procstage.kernel.KernelObserver;
import org.procstage.run.RunSpec;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/**
 * One teaching scene, a self-contained unit: its id names the probe (src/main/c/probes/ID.c),
 * the trace file, the view model and the view. Lifecycle: create the model, create the view,
 * play (live or replay), stop (PlayerViewModel.close).
 */
public interface Scenario {
    String id();

    String title();

    /** One line for the scene list and `list`. */
    String description();

    default List<String> probeArgs() {
        return List.of();
    }

    /** The most processes one run of the probe may create. */
    default int maxProcesses() {
        return 16;
    }

    /** New observers for one run (they remember what they saw, so never share them). */
    default List<KernelObserver> kernelObservers() {
        return List.of();
    }

    SceneModel createModel();

    SceneView createView(SceneModel model, PlayerViewModel player);

    default RunSpec runSpec(boolean paced) {
        return new RunSpec(id(), id(), probeArgs(), paced, maxProcesses(), kernelObservers());
    }
}
