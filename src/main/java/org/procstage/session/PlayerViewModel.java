package org.procstage.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.procstage.protocol.ProbeEvent;
import org.procstage.run.LiveRun;
import org.procstage.run.RunSpec;
import org.procstage.run.StepGates;
import org.procstage.trace.Trace;
import org.procstage.trace.TraceHeader;

/**
 * Drives one scene: a live run of its probes (step, run/pause, reset) or a replay of a trace
 * (step forward and back, scrub). Plain Java: the UI executor is injected (Platform::runLater in
 * the app, Runnable::run in tests), and everything observable changes on that executor only.
 */
public final class PlayerViewModel implements AutoCloseable {
    public enum Mode { IDLE, LIVE, REPLAY }

    private static final int LOG_LIMIT = 400;
    /** How long a live event may wait for an earlier one still on another connection. */
    private static final long REORDER_WINDOW_NANOS = 30_000_000L;
    private static final Map<Integer, String> CRASH_SIGNALS = Map.of(4, "SIGILL (illegal instruction)",
            6, "SIGABRT (abort)", 7, "SIGBUS (bus error)", 8, "SIGFPE (arithmetic error)",
            11, "SIGSEGV (segmentation fault)");

    private final String scenarioId;
    private final Function<Boolean, RunSpec> specForPacing;
    private final SceneModel model;
    private final LiveRunFactory runs;
    private final Executor ui;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "procstage-player-timer");
        t.setDaemon(true);
        return t;
    });

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.IDLE);
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final IntegerProperty currentLine = new SimpleIntegerProperty();
    private final StringProperty currentStep = new SimpleStringProperty("");
    private final IntegerProperty cursor = new SimpleIntegerProperty();
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final IntegerProperty waiting = new SimpleIntegerProperty();
    private final IntegerProperty selectedPid = new SimpleIntegerProperty();
    private final ObjectProperty<Map<String, Object>> evidence = new SimpleObjectProperty<>(Map.of());
    private final BooleanProperty animate = new SimpleBooleanProperty(true);
    private final ObservableList<LogEntry> log = FXCollections.observableArrayList();
    private final ObservableList<StepGates.Gate> gates = FXCollections.observableArrayList();
    // Held once: a listener on a throwaway unmodifiable wrapper is lost when the wrapper is collected.
    private final ObservableList<LogEntry> readOnlyLog = FXCollections.unmodifiableObservableList(log);
    private final ObservableList<StepGates.Gate> readOnlyGates = FXCollections.unmodifiableObservableList(gates);

    private final List<ProbeEvent> events = new ArrayList<>();
    private final KernelEvidence kernel = new KernelEvidence();
    private TraceHeader header;
    private LiveRun run;
    private EventBatcher batcher;
    private ScheduledFuture<?> ticker;
    private boolean fromTrace;
    private int applied;

    public PlayerViewModel(String scenarioId, Function<Boolean, RunSpec> specForPacing, SceneModel model,
                           LiveRunFactory runs, Executor uiExecutor) {
        this.scenarioId = scenarioId;
        this.specForPacing = specForPacing;
        this.model = model;
        this.runs = runs;
        this.ui = uiExecutor;
        speed.addListener((obs, was, now) -> reschedule());
        selectedPid.addListener((obs, was, now) -> evidence.set(kernel.of(now.intValue())));
    }

    // ---- live ----

    /** Starts the scenario's real probes; paced runs wait at every step point for Step/Run. */
    public void startLive(boolean paced) {
        stopRun();
        clear();
        header = TraceHeader.now(scenarioId);
        fromTrace = false;
        EventBatcher[] self = new EventBatcher[1];
        EventBatcher mine = new EventBatcher(ui, batch -> applyLive(self[0], batch), REORDER_WINDOW_NANOS, timer);
        self[0] = mine;
        batcher = mine;
        try {
            run = runs.start(specForPacing.apply(paced), mine::offer,
                    message -> ui.execute(() -> reportProblem(message)));
            model.attach(control(run));
            mode.set(Mode.LIVE);
            status.set(paced ? "Live: press Space to step, P to run" : "Live: running");
        } catch (Exception e) {
            mode.set(Mode.IDLE);
            status.set("Cannot start the probes: " + e.getMessage());
            reportProblem(e.getMessage());
        }
    }

    // In the app every caller is on the FX thread; with a direct executor (tests, headless tools)
    // reader and timer threads call in, so the state-changing entry points are serialized.
    private synchronized void applyLive(EventBatcher from, List<ProbeEvent> batch) {
        if (mode.get() != Mode.LIVE || batcher != from) {
            return;
        }
        boolean ended = false;
        for (ProbeEvent e : batch) {
            events.add(e);
            applyOne(e);
            ended |= e.is("run-end");
        }
        applied = events.size();
        total.set(events.size());
        cursor.set(events.size());
        publish();
        if (ended) {
            finishLive();
        }
    }

    private void finishLive() {
        stopRun();
        playing.set(false);
        mode.set(Mode.REPLAY);
        status.set("The run has ended: step back (Backspace) through what happened, or Reset (R) for a new run");
        refreshGates();
    }

    // ---- replay ----

    public void openTrace(Trace trace) {
        stopRun();
        clear();
        header = trace.header();
        fromTrace = true;
        events.addAll(trace.events());
        model.attach(ProbeControl.NONE);
        mode.set(Mode.REPLAY);
        total.set(events.size());
        status.set(trace.error().map(err -> "Trace damaged at " + err + " — showing the " + events.size()
                + " events before it").orElse("Replay of a recorded run (" + header.kernel() + ", " + header.date() + ")"));
        trace.error().ifPresent(err -> reportProblem("trace " + err));
        seek(0);
    }

    /** Shows the state after the first {@code index} events. */
    public synchronized void seek(int index) {
        int target = Math.max(0, Math.min(index, events.size()));
        if (target < applied) {
            model.reset();
            kernel.reset();
            log.clear();
            applied = 0;
        }
        for (int i = applied; i < target; i++) {
            applyOne(events.get(i));
        }
        applied = target;
        cursor.set(target);
        publish();
    }

    // ---- controls ----

    /** Live: lets the oldest waiting process run to its next step point. Replay: next step. */
    public synchronized void step() {
        if (mode.get() == Mode.LIVE && run != null) {
            run.gates().releaseOldest();
            refreshGates();
        } else if (mode.get() == Mode.REPLAY) {
            seek(StepBoundaries.next(events, applied));
        }
    }

    public void stepBack() {
        if (mode.get() == Mode.REPLAY) {
            seek(StepBoundaries.previous(events, applied));
        }
    }

    public void togglePlay() {
        playing.set(!playing.get());
        reschedule();
    }

    /** Live: kills this run's processes and starts a fresh run. Replay: back to the start. */
    public void reset() {
        playing.set(false);
        reschedule();
        if (fromTrace) {
            seek(0);
        } else {
            startLive(true);
        }
    }

    public Trace recordedTrace() {
        return new Trace(header == null ? TraceHeader.now(scenarioId) : header, events);
    }

    private void reschedule() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        if (!playing.get()) {
            return;
        }
        long period = Math.max(40, Math.round(900 / Math.max(0.1, speed.get())));
        ticker = timer.scheduleAtFixedRate(() -> {
            LiveRun live = run;
            if (live != null) {
                live.gates().releaseOldest(); // off the FX thread: nobody waits on the UI
                ui.execute(this::refreshGates);
            } else {
                ui.execute(this::autoStepReplay);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void autoStepReplay() {
        if (mode.get() == Mode.REPLAY && playing.get()) {
            step();
            if (applied >= events.size()) {
                playing.set(false);
                reschedule();
            }
        }
    }

    // ---- shared ----

    private void applyOne(ProbeEvent e) {
        model.apply(e);
        kernel.apply(e);
        if (e.line() > 0 && (e.is("step") || !e.fromKernel())) {
            currentLine.set(e.line());
        }
        if (e.is("reap") && CRASH_SIGNALS.containsKey(e.intField("signal", 0))) {
            // Every scene gets this, whatever it draws: a crash is never silent.
            problem.set("process " + e.intField("child", 0) + " crashed: " + CRASH_SIGNALS.get(e.intField("signal", 0)));
        }
        if (e.is("step")) {
            currentStep.set("pid " + e.pid() + ": " + e.str("name", ""));
        }
        if (selectedPid.get() == 0 && (e.is("hello") && !"procstage-stage".equals(e.str("comm", "")))) {
            selectedPid.set(e.pid());
        }
        log.add(LogEntry.of(e, events.isEmpty() ? e.t() : events.get(0).t()));
    }

    private void publish() {
        if (log.size() > LOG_LIMIT) {
            log.remove(0, log.size() - LOG_LIMIT);
        }
        evidence.set(kernel.of(selectedPid.get()));
        refreshGates();
        model.publish();
    }

    private synchronized void refreshGates() {
        List<StepGates.Gate> now = run == null ? List.of() : run.gates().waiting();
        if (!now.equals(gates)) {
            gates.setAll(now);
        }
        waiting.set(now.size());
        if (run != null && !now.isEmpty()) {
            currentLine.set(now.get(0).line());
            currentStep.set("next: pid " + now.get(0).pid() + " — " + now.get(0).name());
        }
    }

    /** Shows a problem (rejected line, unreadable file) in the log and the problem line. */
    public void reportProblem(String message) {
        problem.set(message);
        log.add(LogEntry.problem(message));
    }

    private void clear() {
        events.clear();
        kernel.reset();
        model.reset();
        log.clear();
        applied = 0;
        cursor.set(0);
        total.set(0);
        selectedPid.set(0);
        problem.set("");
        currentLine.set(0);
        currentStep.set("");
        model.publish();
    }

    /** Reset, trace, end of run: the old run is closed off the UI thread (killing takes a moment). */
    private void stopRun() {
        stopRun(false);
    }

    private void stopRun(boolean wait) {
        batcher = null;
        if (run != null) {
            LiveRun old = run;
            run = null;
            if (wait) {
                old.close();
            } else {
                Thread closer = new Thread(old::close, "procstage-run-closer");
                closer.setDaemon(false); // the JVM waits for the kill to finish
                closer.start();
            }
        }
    }

    private ProbeControl control(LiveRun live) {
        return new ProbeControl() {
            @Override
            public boolean live() {
                return run == live;
            }

            @Override
            public boolean command(int pid, String name, Map<String, Object> args) {
                if (live.gates().release(pid, name, args).isPresent()) {
                    return true;
                }
                return live.command(pid, name, args);
            }

            @Override
            public void signal(int pid, int signo) {
                live.signal(pid, signo);
            }

            @Override
            public List<StepGates.Gate> waiting() {
                return live.gates().waiting();
            }
        };
    }

    @Override
    public void close() {
        playing.set(false);
        timer.shutdownNow();
        stopRun(true);
    }

    // ---- read-only state for views ----

    public ReadOnlyObjectProperty<Mode> modeProperty() { return mode; }
    public ReadOnlyBooleanProperty playingProperty() { return playing; }
    public DoubleProperty speedProperty() { return speed; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyStringProperty problemProperty() { return problem; }
    public ReadOnlyIntegerProperty currentLineProperty() { return currentLine; }
    public ReadOnlyStringProperty currentStepProperty() { return currentStep; }
    public ReadOnlyIntegerProperty cursorProperty() { return cursor; }
    public ReadOnlyIntegerProperty totalProperty() { return total; }
    public ReadOnlyIntegerProperty waitingProperty() { return waiting; }
    public IntegerProperty selectedPidProperty() { return selectedPid; }
    public ReadOnlyObjectProperty<Map<String, Object>> evidenceProperty() { return evidence; }
    public BooleanProperty animateProperty() { return animate; }
    public ObservableList<LogEntry> log() { return readOnlyLog; }
    public ObservableList<StepGates.Gate> gates() { return readOnlyGates; }
    public List<ProbeEvent> events() { return List.copyOf(events); }
    public SceneModel model() { return model; }
    public String scenarioId() { return scenarioId; }
    public int stepCount() { return StepBoundaries.count(events); }
}
