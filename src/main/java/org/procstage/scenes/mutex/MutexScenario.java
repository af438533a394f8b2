package org.procstage.scenes.mutex;

import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** mutex: a process-shared lock, its owner and its sleeping waiters, around a shared log file. */
public final class MutexScenario implements Scenario {
    @Override
    public String id() {
        return "mutex";
    }

    @Override
    public String title() {
        return "Mutex";
    }

    @Override
    public String description() {
        return "processes take turns with a shared lock: the owner, the queue of sleeping waiters, the futex fast path";
    }

    /** The main process and three workers. */
    @Override
    public int maxProcesses() {
        return 6;
    }

    @Override
    public SceneModel createModel() {
        return new MutexViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new MutexView((MutexViewModel) model, player);
    }
}
