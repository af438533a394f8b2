package org.procstage.scenes.forktree;

import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** fork-tree: fork, exec, exit, zombies, orphans and wait — the process tree, live. */
public final class ForkTreeScenario implements Scenario {
    @Override
    public String id() {
        return "fork-tree";
    }

    @Override
    public String title() {
        return "Process tree";
    }

    @Override
    public String description() {
        return "fork, exec, exit, wait: watch zombies appear and orphans get adopted, with real PIDs";
    }

    @Override
    public int maxProcesses() {
        return 6;
    }

    @Override
    public SceneModel createModel() {
        return new ForkTreeViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new ForkTreeView((ForkTreeViewModel) model, player);
    }
}
