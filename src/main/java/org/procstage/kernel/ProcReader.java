package org.procstage.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the kernel's own account of a process from /proc. Absent when the process has gone. */
public class ProcReader {
    private final Path procRoot;

    public ProcReader() {
        this(Path.of("/proc"));
    }

    public ProcReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    public Optional<ProcStat> stat(int pid) {
        return read(pid, "stat").map(s -> {
            try {
                return ProcStat.parse(s.strip());
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    /** The kernel function the process sleeps in, "" when running or unknown. */
    public String wchan(int pid) {
        return read(pid, "wchan").map(String::strip).filter(w -> !w.equals("0")).orElse("");
    }

    /** /proc/PID/status as an ordered map of its "Key:\tvalue" lines. */
    public Map<String, String> status(int pid) {
        Map<String, String> out = new LinkedHashMap<>();
        read(pid, "status").ifPresent(text -> text.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }));
        return out;
    }

    public Optional<String> read(int pid, String file) {
        try {
            return Optional.of(new String(Files.readAllBytes(procRoot.resolve(pid + "/" + file)),
                    StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public boolean alive(int pid) {
        return stat(pid).isPresent();
    }
}
