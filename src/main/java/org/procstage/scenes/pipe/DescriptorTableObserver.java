package org.procstage.scenes.pipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The pipe ends in a process's descriptor table as the kernel keeps it: /proc/PID/fd (readlink
 * gives "pipe:[inode]") and /proc/PID/fdinfo/FD's flags (O_ACCMODE 0 = read end, 1 = write end).
 * Reports an {@code fds} kernel event when the table changes — so a student sees which ends each
 * process really holds, not which ones the program says it closed. Fields: {@code ends}, entries
 * "FD:ACCESS:TARGET" separated by spaces (e.g. "4:r:pipe:[777] 5:w:pipe:[777]", the format of the
 * fifo and pipeline scenes' observer), and {@code count}. The stage is skipped: its pipes are the app's.
 */
public final class DescriptorTableObserver implements KernelObserver {
    static {
        // Load and link the file-system code before a run: a cold JVM on a busy machine otherwise
        // spends the first few hundred ms of a run here, blind to the kernel.
        new DescriptorTableObserver().table((int) ProcessHandle.current().pid(), new ProcReader());
    }

    private final Path procRoot;
    private final Map<Integer, String> seen = new HashMap<>();

    public DescriptorTableObserver() {
        this(Path.of("/proc"));
    }

    public DescriptorTableObserver(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        if (!seen.containsKey(pid) && proc.stat(pid).map(ProcStat::comm).map("procstage-stage"::equals).orElse(true)) {
            return List.of();
        }
        String ends = table(pid, proc);
        if (ends == null) {
            return List.of();
        }
        String before = seen.put(pid, ends);
        if (ends.equals(before)) {
            return List.of(); // the first reading is reported even when empty: "holds none" is evidence too
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ends", ends);
        fields.put("count", ends.isEmpty() ? 0 : ends.split(" ").length);
        // Stamped with the sampler's "now", taken before the table was read: a reading is never
        // dated after a change the process made while it was being read.
        return List.of(ProbeEvent.kernel("fds", now, pid, fields));
    }

    @Override
    public void forget(int pid) {
        seen.remove(pid);
    }

    /** "FD:ACCESS:pipe:[inode]" for each pipe descriptor, fd ascending; null when unreadable now. */
    String table(int pid, ProcReader proc) {
        Path dir = procRoot.resolve(pid + "/fd");
        List<Integer> fds = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                try {
                    fds.add(Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a descriptor
                }
            });
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return null;
        }
        fds.sort(Integer::compare);
        List<String> ends = new ArrayList<>();
        for (int fd : fds) {
            String target;
            try {
                target = Files.readSymbolicLink(dir.resolve(Integer.toString(fd))).toString();
            } catch (IOException | SecurityException | UnsupportedOperationException e) {
                continue; // closed between the listing and the readlink
            }
            if (target.startsWith("pipe:[")) {
                access(pid, fd, proc).ifPresent(a -> ends.add(fd + ":" + a + ":" + target));
            }
        }
        return String.join(" ", ends);
    }

    private static java.util.Optional<String> access(int pid, int fd, ProcReader proc) {
        return proc.read(pid, "fdinfo/" + fd).flatMap(text -> text.lines()
                .filter(l -> l.startsWith("flags:"))
                .findFirst()
                .map(l -> switch (Integer.parseInt(l.substring("flags:".length()).strip(), 8) & 3) {
                    case 0 -> "r";
                    case 1 -> "w";
                    default -> "rw";
                }));
    }
}
