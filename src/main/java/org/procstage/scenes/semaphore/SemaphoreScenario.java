package org.procstage.scenes.semaphore;

import java.util.List;
import org.procstage.kernel.FutexWaitObserver;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** semaphore: ten worker processes, a room with three places — sem_wait sleeps, sem_post wakes. */
public final class SemaphoreScenario implements Scenario {
    @Override
    public String id() {
        return "semaphore";
    }

    @Override
    public String title() {
        return "Semaphore";
    }

    @Override
    public String description() {
        return "ten workers, three places: a counting semaphore lets at most three in; the rest sleep in sem_wait";
    }

    /** main, ten workers, and a little room to spare. */
    @Override
    public int maxProcesses() {
        return 12;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new FutexWaitObserver());
    }

    @Override
    public SceneModel createModel() {
        return new SemaphoreViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new SemaphoreView((SemaphoreViewModel) model, player);
    }
}
