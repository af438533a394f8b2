package org.procstage.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Kills processes of a run that escaped the stage (e.g. re-parented away after the stage died).
 * A pid is only killed when its environment carries this run's token, so a reused pid is safe.
 */
final class StrayKiller {
    private final byte[] marker;

    StrayKiller(String token) {
        this.marker = ("PROCSTAGE_TOKEN=" + token).getBytes(StandardCharsets.US_ASCII);
    }

    void killRemaining(Collection<Integer> pids) {
        for (int pid : pids) {
            if (belongsToRun(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private boolean belongsToRun(int pid) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
            return indexOf(env, marker) >= 0;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
