package org.procstage.scenes.fifo;

import java.util.List;
import org.procstage.scenes.fdtable.FdEnd;

/** Everything the fifo scene shows at one moment; immutable, so the view can compare and redraw. */
public record FifoPicture(FifoFile file, List<Proc> processes, List<OpenCall> opens, String written,
                          String readText, boolean endOfFile) {

    public static final FifoPicture EMPTY = new FifoPicture(FifoFile.NONE, List.of(), List.of(), "", "", false);

    /** The FIFO as the probe's stat() and the app's own stat() saw it. */
    public record FifoFile(String name, String dir, String fileType, String mode, long inode, boolean made,
                           boolean removed, String kernelType, String kernelMode) {
        static final FifoFile NONE = new FifoFile("demo.fifo", "", "", "", 0, false, false, "", "");

        public boolean exists() {
            return made && !removed;
        }
    }

    /**
     * One process: its role (root, reader, writer), the kernel's state letter and wait channel,
     * what it is doing, the FIFO descriptors /proc shows it holding, and those its own open()
     * calls returned and it has not closed (e.g. "4 O_WRONLY"), for before the kernel's next look.
     */
    public record Proc(int pid, String role, char state, String wchan, String activity, List<FdEnd> fifoEnds,
                       boolean exited, Integer exitCode, boolean reaped, boolean inOpen, List<String> probeFds) {

        /** In open() by its own report, and the kernel shows it asleep there, waiting for the other side. */
        public boolean waitsForPartner() {
            return inOpen && !exited && state == 'S' && wchan.contains("wait_for_partner");
        }

        /** The kernel shows it asleep inside read() or write() of the FIFO. */
        public boolean waitsForData() {
            return !exited && state == 'S' && (wchan.contains("pipe_read") || wchan.contains("pipe_write"));
        }
    }

    /** One open("demo.fifo", mode): pending until it returned; blockedSeen when the kernel saw it wait. */
    public record OpenCall(int pid, String role, String mode, String result, double ms, boolean pending,
                           boolean failed, boolean blockedSeen) {
    }
}
