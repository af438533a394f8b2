package org.procstage.scenes.condvar;

import java.util.List;
import org.procstage.kernel.CpuTimeObserver;
import org.procstage.kernel.FutexWaitObserver;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** condvar: "lucky number 22" — a consumer sleeps in pthread_cond_wait while a busy one spins. */
public final class CondvarScenario implements Scenario {
    @Override
    public String id() {
        return "condvar";
    }

    @Override
    public String title() {
        return "Condition variable";
    }

    @Override
    public String description() {
        return "lucky number 22: cond_wait releases the mutex and sleeps; a busy-waiting twin burns CPU — /proc proves it";
    }

    /** main, producer, consumer, busy consumer. */
    @Override
    public int maxProcesses() {
        return 5;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new FutexWaitObserver(), new CpuTimeObserver(100));
    }

    @Override
    public SceneModel createModel() {
        return new CondvarViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new CondvarView((CondvarViewModel) model, player);
    }
}
