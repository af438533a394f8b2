package org.procstage.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Checks on real processes, read from /proc. */
public final class Processes {
    private Processes() {
    }

    public static boolean alive(int pid) {
        return Files.exists(Path.of("/proc/" + pid + "/stat"));
    }

    /** Fails unless every pid is gone (not even a zombie) within two seconds. */
    public static void assertAllGone(Collection<Integer> pids) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        Set<Integer> left = new TreeSet<>();
        do {
            left.clear();
            pids.stream().filter(Processes::alive).forEach(left::add);
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < deadline);
        fail("processes of the run are still alive: " + left);
    }

    /** Every pid of ours whose executable lives in a ProcStage probe directory (strays if any). */
    public static Set<Integer> probeProcesses() {
        Set<Integer> found = new TreeSet<>();
        ProcessHandle.current().descendants().forEach(p -> p.info().command().ifPresent(cmd -> {
            if (cmd.contains("procstage-probes-")) {
                found.add((int) p.pid());
            }
        }));
        return found;
    }
}
