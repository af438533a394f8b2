package org.procstage.scenes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.procstage.scenes.condvar.CondvarScenario;
import org.procstage.scenes.cow.CowScenario;
import org.procstage.scenes.fifo.FifoScenario;
import org.procstage.scenes.forktree.ForkTreeScenario;
import org.procstage.scenes.mutex.MutexScenario;
import org.procstage.scenes.pipe.PipeScenario;
import org.procstage.scenes.pipeline.PipelineScenario;
import org.procstage.scenes.race.RaceScenario;
import org.procstage.scenes.semaphore.SemaphoreScenario;
import org.procstage.scenes.signals.SignalsScenario;

/** The scenes this build offers, in teaching order. Add a scene here, one line. */
public final class ScenarioCatalog {
    private final Map<String, Scenario> byId = new LinkedHashMap<>();

    public ScenarioCatalog(List<Scenario> scenarios) {
        scenarios.forEach(s -> byId.put(s.id(), s));
    }

    public static ScenarioCatalog standard() {
        return new ScenarioCatalog(List.of(
                new ForkTreeScenario(),
                new CowScenario(),
                new SignalsScenario(),
                new PipeScenario(),
                new FifoScenario(),
                new PipelineScenario(),
                new RaceScenario(),
                new MutexScenario(),
                new SemaphoreScenario(),
                new CondvarScenario()
        ));
    }

    public List<Scenario> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Scenario> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
