package org.procstage.scenes.fifo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.procstage.kernel.KernelObserver;
import org.procstage.kernel.ProcReader;
import org.procstage.protocol.ProbeEvent;

/**
 * The app's own stat() of the FIFO, found by name in the probe's working directory (through
 * /proc/PID/cwd), so the file type does not rest on the probe's word. Reports {@code fifo-stat}
 * (name, exists, fileType, mode, inode) when the file appears, changes or disappears.
 */
public final class FifoFileObserver implements KernelObserver {
    private static final int S_IFMT = 0170000;

    static {
        // Loads the "unix:" attribute view once, before a run starts (see FdTableObserver).
        try {
            Files.getAttribute(Path.of("/"), "unix:mode");
        } catch (IOException | RuntimeException ignored) {
            // nothing to warm up on this platform
        }
    }

    private final String name;
    private final Path proc;
    private String last = "";

    public FifoFileObserver(String name) {
        this(name, Path.of("/proc"));
    }

    public FifoFileObserver(String name, Path procRoot) {
        this.name = name;
        this.proc = procRoot;
    }

    @Override
    public List<ProbeEvent> observe(int pid, ProcReader reader, long now) {
        Path cwd = proc.resolve(pid + "/cwd");
        if (!Files.isDirectory(cwd)) {
            return List.of(); // a zombie or a process that has gone has no working directory
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        try {
            Path file = cwd.resolve(name);
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            fields.put("exists", true);
            fields.put("fileType", String.valueOf(typeLetter(mode)));
            fields.put("mode", modeString(mode));
            fields.put("inode", ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue());
        } catch (NoSuchFileException gone) {
            fields.put("exists", false);
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        String summary = fields.toString();
        if (summary.equals(last) || (last.isEmpty() && Boolean.FALSE.equals(fields.get("exists")))) {
            return List.of();
        }
        last = summary;
        // Stamped when read: the sampler's "now" is taken before the observers run.
        return List.of(ProbeEvent.kernel("fifo-stat", System.nanoTime(), pid, fields));
    }

    static char typeLetter(int mode) {
        return switch (mode & S_IFMT) {
            case 0010000 -> 'p';
            case 0040000 -> 'd';
            case 0100000 -> '-';
            case 0140000 -> 's';
            case 0120000 -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            default -> '?';
        };
    }

    /** The `ls -l` spelling of a mode, e.g. "prw-------". */
    static String modeString(int mode) {
        StringBuilder s = new StringBuilder().append(typeLetter(mode));
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        return s.toString();
    }
}
