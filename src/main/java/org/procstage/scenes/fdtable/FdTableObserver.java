package org.procstage.scenes.fdtable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.procstage.kernel.KernelObserver;
import org.procstage.kernel.ProcReader;
import org.procstage.kernel.ProcStat;
import org.procstage.protocol.ProbeEvent;

/**
 * The kernel's own list of the pipe and FIFO ends each process holds: /proc/PID/fd tells what
 * every descriptor refers to ("pipe:[inode]", or a path that stat() says is a FIFO) and
 * /proc/PID/fdinfo/FD its open flags. Reports {@code fds} with field {@code ends} (see
 * {@link FdEnd}) whenever a process's table changed — the evidence that unused ends were closed.
 * The stage is skipped: its pipes are the app's, not the scene's.
 */
public final class FdTableObserver implements KernelObserver {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int O_ACCMODE = 03;
    private static final int O_NONBLOCK = 04000;

    static {
        // Loads and links the file-system code once, before a run starts: a cold JVM on a busy
        // machine otherwise spends the first few hundred ms of a run here, blind to the kernel.
        new FdTableObserver().read((int) ProcessHandle.current().pid());
    }

    private final Path proc;
    private final Map<Integer, String> reported = new HashMap<>();
    private final java.util.Set<Integer> notStage = new java.util.HashSet<>();
    // Flags of a descriptor never change while it refers to the same file: read fdinfo once.
    private final Map<Integer, Map<String, FdEnd>> known = new HashMap<>();

    public FdTableObserver() {
        this(Path.of("/proc"));
    }

    public FdTableObserver(Path procRoot) {
        this.proc = procRoot;
    }

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader reader, long now) {
        // Only "not the stage" is remembered: a probe is a copy of the stage until its exec.
        if (!notStage.contains(pid)) {
            boolean stage = reader.stat(pid).map(ProcStat::comm).map("procstage-stage"::equals).orElse(true);
            if (stage) {
                return List.of();
            }
            notStage.add(pid);
        }
        String table = FdEnd.formatAll(read(pid));
        String before = reported.put(pid, table);
        if (table.equals(before) || (before == null && table.isEmpty())) {
            return List.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ends", table);
        fields.put("count", table.isEmpty() ? 0 : table.split(" ").length);
        // Stamped when read: the sampler's "now" is taken before the observers run.
        return List.of(ProbeEvent.kernel("fds", System.nanoTime(), pid, fields));
    }

    /** The pipe and FIFO descriptors of pid, by fd number; empty when it has none or has gone. */
    public List<FdEnd> read(int pid) {
        Path dir = proc.resolve(pid + "/fd");
        List<FdEnd> out = new ArrayList<>();
        Map<String, FdEnd> cache = known.computeIfAbsent(pid, p -> new HashMap<>());
        Map<String, FdEnd> seen = new HashMap<>();
        try (Stream<Path> fds = Files.list(dir)) {
            for (Path link : fds.toList()) {
                FdEnd end = describe(pid, link, cache);
                if (end != null) {
                    out.add(end);
                    seen.put(end.fd() + "|" + end.target(), end);
                }
            }
        } catch (IOException | SecurityException | java.io.UncheckedIOException gone) {
            // a zombie or a process that has gone holds nothing
        }
        cache.keySet().retainAll(seen.keySet());
        out.sort(Comparator.comparingInt(FdEnd::fd));
        return out;
    }

    private FdEnd describe(int pid, Path link, Map<String, FdEnd> cache) {
        int fd;
        String target;
        try {
            fd = Integer.parseInt(link.getFileName().toString());
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | NumberFormatException | SecurityException e) {
            return null; // closed while we looked
        }
        String shown;
        if (target.startsWith("pipe:[")) {
            shown = target;
        } else if (target.startsWith("/") && !target.startsWith("/dev/") && isFifo(link)) {
            String name = Path.of(target.replace(" (deleted)", "")).getFileName().toString();
            shown = "fifo:" + name.replace(' ', '_') + (target.endsWith(" (deleted)") ? "(deleted)" : "");
        } else {
            return null;
        }
        FdEnd cached = cache.get(fd + "|" + shown);
        if (cached != null) {
            return cached;
        }
        int flags = flags(pid, fd);
        if (flags < 0) {
            return null;
        }
        String access = switch (flags & O_ACCMODE) {
            case 0 -> "r";
            case 1 -> "w";
            default -> "rw";
        };
        FdEnd end = new FdEnd(fd, access, (flags & O_NONBLOCK) != 0, shown);
        cache.put(fd + "|" + shown, end);
        return end;
    }

    private static boolean isFifo(Path link) {
        try {
            Object mode = Files.getAttribute(link, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    private int flags(int pid, int fd) {
        try {
            for (String line : Files.readAllLines(proc.resolve(pid + "/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // closed while we looked
        }
        return -1;
    }

    @Override
    public void forget(int pid) {
        reported.remove(pid);
        notStage.remove(pid);
        known.remove(pid);
    }
}
