package org.procstage.scenes.fdtable;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One open file descriptor that refers to a pipe or a FIFO, as /proc/PID/fd and /proc/PID/fdinfo
 * show it. Written compactly as {@code FD:ACCESS:TARGET}, e.g. {@code 0:r:pipe:[41234]} or
 * {@code 3:w+nb:fifo:demo.fifo}; a whole table is such entries separated by spaces.
 */
public record FdEnd(int fd, String access, boolean nonblocking, String target) {

    public boolean reads() {
        return access.contains("r");
    }

    public boolean writes() {
        return access.contains("w");
    }

    /** The pipe's inode, the N of "pipe:[N]"; empty for anything else. */
    public OptionalLong pipeInode() {
        if (!target.startsWith("pipe:[") || !target.endsWith("]")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(target.substring(6, target.length() - 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** True when the descriptor refers to a FIFO opened by name. */
    public boolean fifo() {
        return target.startsWith("fifo:");
    }

    public String format() {
        return fd + ":" + access + (nonblocking ? "+nb" : "") + ":" + target;
    }

    /** "O_RDONLY", "O_WRONLY|O_NONBLOCK", ... as the program would have written it. */
    public String openFlags() {
        String base = switch (access) {
            case "r" -> "O_RDONLY";
            case "w" -> "O_WRONLY";
            default -> "O_RDWR";
        };
        return nonblocking ? base + "|O_NONBLOCK" : base;
    }

    public static String formatAll(List<FdEnd> ends) {
        StringBuilder out = new StringBuilder();
        for (FdEnd e : ends) {
            out.append(out.length() > 0 ? " " : "").append(e.format());
        }
        return out.toString();
    }

    /** Parses a table written by {@link #formatAll}; malformed entries are skipped (traces are input). */
    public static List<FdEnd> parseAll(String table) {
        List<FdEnd> out = new ArrayList<>();
        if (table == null || table.isBlank()) {
            return out;
        }
        for (String entry : table.trim().split("\\s+")) {
            String[] parts = entry.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            try {
                int fd = Integer.parseInt(parts[0]);
                boolean nb = parts[1].endsWith("+nb");
                String access = nb ? parts[1].substring(0, parts[1].length() - 3) : parts[1];
                if (fd >= 0 && (access.equals("r") || access.equals("w") || access.equals("rw"))) {
                    out.add(new FdEnd(fd, access, nb, parts[2]));
                }
            } catch (NumberFormatException e) {
                // not an entry of ours: skip it
            }
        }
        return out;
    }
}
