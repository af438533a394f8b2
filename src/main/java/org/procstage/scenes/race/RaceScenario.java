package org.procstage.scenes.race;

import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** race: two processes add 1 to a shared counter; without a lock updates are lost. */
public final class RaceScenario implements Scenario {
    @Override
    public String id() {
        return "race";
    }

    @Override
    public String title() {
        return "Race condition";
    }

    @Override
    public String description() {
        return "two processes increment a counter in shared memory: lost updates and torn reads, then the lock";
    }

    /** Four rounds of three processes each (A, B and the reader R), one after the other. */
    @Override
    public int maxProcesses() {
        return 16;
    }

    @Override
    public SceneModel createModel() {
        return new RaceViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new RaceView((RaceViewModel) model, player);
    }
}
