package org.procstage.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.procstage.kernel.KernelSampler;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.EventCodec;
import org.procstage.protocol.ProbeEvent;
import org.procstage.server.EventServer;
import org.procstage.server.ProbeConnection;

/**
 * One live run of a scenario's real probes: a private socket, the stage and its probe, the kernel
 * sampler and the step gates. Events go to the sink from reader and sampler threads. Closing it
 * leaves no process behind.
 */
public final class LiveRun implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunSpec spec;
    private final Path dir;
    private final String token;
    private final EventCodec codec = new EventCodec();
    private final Consumer<ProbeEvent> sink;
    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final StepGates gates;
    private final EventServer server;
    private final KernelSampler sampler;
    private final Process stage;
    private final OutputStream stageInput;
    private volatile boolean ended;

    private LiveRun(RunSpec spec, ProbeInstaller installer, ProcessStarter starter, Consumer<ProbeEvent> sink,
                    Consumer<String> problems) throws IOException, ProbeMissingException {
        this.spec = spec;
        this.sink = sink;
        Path stagePath = installer.probe(ProbeInstaller.STAGE);
        Path probePath = installer.probe(spec.probe());
        this.dir = Files.createTempDirectory("procstage-run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.token = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        this.gates = new StepGates(this::sendTo);
        this.sampler = new KernelSampler(new ProcReader(), sink, spec.observers(), 20);
        this.server = new EventServer(dir.resolve("events.sock"), token, codec, new EventServer.Listener() {
            @Override
            public void onEvent(ProbeEvent event) {
                route(event);
            }

            @Override
            public void onRejected(String message) {
                problems.accept(message);
            }

            @Override
            public void onDisconnected(ProbeConnection connection) {
                gates.forget(connection.pid());
                sampler.sampleSoon();
            }
        });
        List<String> command = new ArrayList<>();
        command.add(stagePath.toString());
        command.add(probePath.toString());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("probe-output.txt").toFile())
                .redirectError(dir.resolve("probe-errors.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("PROCSTAGE_SOCK", server.socketPath().toString());
        env.put("PROCSTAGE_TOKEN", token);
        env.put("PROCSTAGE_PACED", spec.paced() ? "1" : "0");
        env.put("PROCSTAGE_MAX_PROCS", Integer.toString(spec.maxProcesses()));
        env.put("PROCSTAGE_APP_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("PROCSTAGE_SCENARIO", spec.scenario());
        warmUp();
        this.stage = starter.start(builder);
        this.stageInput = stage.getOutputStream();
        stage.onExit().thenRun(() -> ended = true);
    }

    /**
     * The first JSON decode and the first /proc read of a fresh JVM take 100-300 ms on a busy
     * machine; paid here, before the probe starts, its first events and kernel samples are not late.
     */
    private void warmUp() {
        try {
            codec.decode("{\"type\":\"hello\",\"t\":0,\"pid\":1,\"comm\":\"warm-up\"}");
        } catch (org.procstage.protocol.MalformedEventException unexpected) {
            // only a warm-up
        }
        new ProcReader().stat((int) ProcessHandle.current().pid());
    }

    public static LiveRun start(RunSpec spec, ProbeInstaller installer, ProcessStarter starter,
                                Consumer<ProbeEvent> sink, Consumer<String> problems)
            throws IOException, ProbeMissingException {
        return new LiveRun(spec, installer, starter, sink, problems);
    }

    private void route(ProbeEvent e) {
        if (e.is("sample-request")) {
            // Protocol, not history: answer once the kernel's reading is in the stream.
            sampler.sampleThen(e.intField("target", 0), () -> sendTo(e.pid(), Map.of("cmd", "sampled")));
            return;
        }
        pids.add(e.pid());
        gates.onEvent(e);
        switch (e.type()) {
            case "hello" -> sampler.track(e.pid());
            case "fork", "launch" -> {
                int child = e.intField("child", 0);
                pids.add(child);
                sampler.track(child);
            }
            case "step", "exit", "exec", "kill" -> sampler.sampleSoon();
            case "run-end" -> awaitProbeConnectionsClosed(e.pid());
            default -> { }
        }
        sink.accept(e);
    }

    /**
     * Every process has gone when the stage reports run-end, but each connection has its own
     * reader thread: a probe's last lines (an unlock, an exit) may still be in flight. Holding
     * run-end until those connections reach EOF keeps it the last event, so nobody who stops at
     * run-end loses them. Bounded, in case a descendant kept a connection open.
     */
    private void awaitProbeConnectionsClosed(int stagePid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline
                && (server.connections().stream().anyMatch(c -> c.pid() != stagePid)
                    || server.openConnections() > server.connections().size())) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean sendTo(int pid, Map<String, Object> command) {
        return server.connection(pid).map(c -> c.send(codec.write(command))).orElse(false);
    }

    public RunSpec spec() {
        return spec;
    }

    public StepGates gates() {
        return gates;
    }

    public KernelSampler sampler() {
        return sampler;
    }

    /**
     * Sends a command to a probe process that is not at a step point (false if it has gone). The
     * probe takes it at its next step point, which therefore will not wait.
     */
    public boolean command(int pid, String name, Map<String, Object> args) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("cmd", name);
        message.putAll(args);
        gates.credit(pid);
        boolean sent = sendTo(pid, message);
        if (!sent) {
            gates.forget(pid);
        }
        return sent;
    }

    /** Has the stage call kill(2) for the app; it reports a "kill" event with the result. */
    public synchronized void signal(int pid, int signo) {
        writeStage("kill " + pid + " " + signo + "\n");
    }

    private synchronized void writeStage(String line) {
        try {
            stageInput.write(line.getBytes(StandardCharsets.US_ASCII));
            stageInput.flush();
        } catch (IOException e) {
            // the stage has ended; nothing left to signal
        }
    }

    public boolean ended() {
        return ended;
    }

    /** True when every accepted probe connection has reached its end: all its lines are delivered. */
    public boolean drained() {
        return server.openConnections() == 0;
    }

    /** Waits for the run to finish by itself; false on timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return stage.waitFor(timeout, unit);
    }

    /** Every pid this run reported or spawned. */
    public Set<Integer> pids() {
        return Set.copyOf(pids);
    }

    public String probeOutput() {
        try {
            return Files.readString(dir.resolve("probe-output.txt"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        writeStage("stop\n");
        try {
            stage.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Belt and braces: whatever the stage could not take down, we do.
        stage.descendants().forEach(ProcessHandle::destroyForcibly);
        stage.destroyForcibly();
        new StrayKiller(token).killRemaining(pids);
        try {
            stage.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stageInput.close();
        } catch (IOException ignored) {
            // the stage is gone
        }
        sampler.close();
        server.close();
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans up the rest
        }
    }
}
