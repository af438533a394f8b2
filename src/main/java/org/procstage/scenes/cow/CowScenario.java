package org.procstage.scenes.cow;

import org.procstage.scenes.Scenario;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.ui.SceneView;

/** cow: copy-on-write after fork, from the kernel's page tables (/proc/self/pagemap, smaps). */
public final class CowScenario implements Scenario {
    @Override
    public String id() {
        return "cow";
    }

    @Override
    public String title() {
        return "Copy-on-write after fork";
    }

    @Override
    public String description() {
        return "fork shares every page write-protected; a write faults and the kernel copies just that page";
    }

    @Override
    public int maxProcesses() {
        return 3;
    }

    @Override
    public SceneModel createModel() {
        return new CowViewModel();
    }

    @Override
    public SceneView createView(SceneModel model, PlayerViewModel player) {
        return new CowView((CowViewModel) model, player);
    }
}
