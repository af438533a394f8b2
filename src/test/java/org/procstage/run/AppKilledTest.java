package org.procstage.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.procstage.testing.Processes;

/**
 * The app is SIGKILLed (no shutdown hooks, no cleanup code runs) while a paced scene waits:
 * the stage notices (stdin EOF / PR_SET_PDEATHSIG) and takes every probe down with it.
 */
class AppKilledTest {

    @Test
    void probesDieWithTheApp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1920x1080-32", "org.procstage.Launcher", "--scene", "fork-tree"));
        Process app = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(File.createTempFile("procstage-app", ".log")).start();
        try {
            Set<Integer> probes = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < deadline && probes.size() < 2) {
                probes.clear();
                app.toHandle().descendants().forEach(p -> probes.add((int) p.pid()));
                Thread.sleep(50);
            }
            assertTrue(probes.size() >= 2, "the app started the stage and the probe: " + probes);
            probes.forEach(pid -> assertTrue(Processes.alive(pid)));
            assertTrue(commandOf(probes).stream().anyMatch(c -> c.contains("fork-tree")), commandOf(probes).toString());
            app.destroyForcibly(); // SIGKILL: the JVM gets no chance to clean up
            app.waitFor(10, TimeUnit.SECONDS);
            assertFalse(app.isAlive());
            Processes.assertAllGone(probes);
        } finally {
            app.destroyForcibly();
        }
    }

    private static List<String> commandOf(Set<Integer> pids) throws Exception {
        List<String> out = new ArrayList<>();
        for (int pid : pids) {
            Path cmdline = Path.of("/proc/" + pid + "/cmdline");
            if (Files.exists(cmdline)) {
                out.add(Files.readString(cmdline).replace('\0', ' '));
            }
        }
        return out;
    }
}
