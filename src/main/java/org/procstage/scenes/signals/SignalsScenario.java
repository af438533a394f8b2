package org.procstage.scenes.signals;

import java.util.List;
import org.procstage.kernel.KernelObserver;
import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** signals: delivery of signals, seen in the receiver's process control block (/proc/PID/status). */
public final class SignalsScenario implements Scenario {
    @Override
    public String id() {
        return "signals";
    }

    @Override
    public String title() {
        return "Signal delivery";
    }

    @Override
    public String description() {
        return "kill, pending, blocked, ignored, caught: the receiver's signal bits live from /proc, handlers run";
    }

    @Override
    public int maxProcesses() {
        return 6;
    }

    @Override
    public List<KernelObserver> kernelObservers() {
        return List.of(new SigStateObserver(), new ExitSignalObserver());
    }

    @Override
    public SceneModel createModel() {
        return new SignalsViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new SignalsView((SignalsViewModel) model, player);
    }
}
