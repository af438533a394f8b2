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
import org.procstage.protocol.ProbeEvent;

/**
 * A process's descriptor table as the kernel keeps it: /proc/PID/fd (readlink gives
 * "pipe:[inode]") and, for each pipe, /proc/PID/fdinfo/FD's flags (O_WRONLY = 01 marks the write
 * end). Reports an {@code fds} kernel event when the table changes — so a student sees which ends
 * each process really holds, not which ones the program says it closed. Fields, short enough for
 * the evidence panel: {@code read} and {@code write} ("fd 4 · pipe:[77205]", comma-separated, or
 * "none") and {@code other} (how many descriptors are not pipes).
 */
public final class DescriptorTableObserver implements KernelObserver {
    private final Path procRoot;
    private final Map<Integer, Map<String, Object>> seen = new HashMap<>();

    public DescriptorTableObserver() {
        this(Path.of("/proc"));
    }

    public DescriptorTableObserver(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader proc, long now) {
        List<Map<String, Object>> table = read(pid, proc);
        if (table == null) {
            return List.of();
        }
        Map<String, Object> fields = summary(table);
        if (fields.equals(seen.get(pid))) {
            return List.of();
        }
        seen.put(pid, fields);
        return List.of(ProbeEvent.kernel("fds", now, pid, fields));
    }

    @Override
    public void forget(int pid) {
        seen.remove(pid);
    }

    static Map<String, Object> summary(List<Map<String, Object>> table) {
        List<String> read = new ArrayList<>();
        List<String> write = new ArrayList<>();
        int other = 0;
        for (Map<String, Object> entry : table) {
            Object end = entry.get("end");
            String text = "fd " + entry.get("fd") + " · " + entry.get("target");
            if ("write".equals(end)) {
                write.add(text);
            } else if ("read".equals(end)) {
                read.add(text);
            } else {
                other++;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("read", read.isEmpty() ? "none" : String.join(", ", read));
        fields.put("write", write.isEmpty() ? "none" : String.join(", ", write));
        fields.put("other", other);
        return fields;
    }

    /** The table, fd ascending; null when it cannot be read now (process gone, or a race). */
    List<Map<String, Object>> read(int pid, ProcReader proc) {
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
        } catch (IOException | SecurityException e) {
            return null;
        }
        fds.sort(Integer::compare);
        List<Map<String, Object>> table = new ArrayList<>();
        for (int fd : fds) {
            String target;
            try {
                target = Files.readSymbolicLink(dir.resolve(Integer.toString(fd))).toString();
            } catch (IOException | SecurityException | UnsupportedOperationException e) {
                continue; // closed between the listing and the readlink
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fd", fd);
            entry.put("target", target);
            if (target.startsWith("pipe:[")) {
                end(pid, fd, proc).ifPresent(e -> entry.put("end", e));
            }
            table.add(entry);
        }
        return table;
    }

    private static java.util.Optional<String> end(int pid, int fd, ProcReader proc) {
        return proc.read(pid, "fdinfo/" + fd).flatMap(text -> text.lines()
                .filter(l -> l.startsWith("flags:"))
                .findFirst()
                .map(l -> {
                    int flags = Integer.parseInt(l.substring("flags:".length()).strip(), 8);
                    return (flags & 3) == 1 ? "write" : "read";
                }));
    }
}
