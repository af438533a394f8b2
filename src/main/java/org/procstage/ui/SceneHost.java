package org.procstage.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.procstage.scenes.Scenario;
import org.procstage.session.LiveRunFactory;
import org.procstage.session.PlayerViewModel;
import org.procstage.session.SceneModel;
import org.procstage.trace.Trace;

/** Builds a scene's full lifecycle unit — model, player, view — for the app, snapshots and tests. */
public final class SceneHost {
    private final Scenario scenario;
    private final PlayerViewModel player;
    private final ScenePlayerView view;

    public SceneHost(Scenario scenario, LiveRunFactory runs, Executor ui, Runnable onLeave, Consumer<Trace> onOpenTrace) {
        this.scenario = scenario;
        SceneModel model = scenario.createModel();
        this.player = new PlayerViewModel(scenario.id(), scenario::runSpec, model, runs, ui);
        SceneView sceneView = scenario.createView(model, player);
        this.view = new ScenePlayerView(scenario, player, sceneView, onLeave, onOpenTrace);
    }

    public Scenario scenario() {
        return scenario;
    }

    public PlayerViewModel player() {
        return player;
    }

    public ScenePlayerView view() {
        return view;
    }

    /** Stop: kills the run's processes and detaches the view. */
    public void stop() {
        player.close();
        view.dispose();
    }
}
