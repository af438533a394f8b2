package org.procstage.scenes.pipe;

import java.util.List;

/**
 * Everything the pipe scene shows at one moment, immutable: the view redraws from it. Built by
 * {@link PipeViewModel} from probe events and the kernel's readings.
 */
public record PipeScene(int phase, String phaseTitle, String caption, Buffer pipe, Proc parent,
                        List<Proc> processes, PageWake wake, List<String> results, List<PipeBufRound> pipeBuf,
                        boolean shrink, boolean forget) {

    public static final PipeScene EMPTY = new PipeScene(0, "", "", null, null, List.of(), PageWake.NONE, List.of(),
            List.of(), false, false);

    public PipeScene {
        processes = List.copyOf(processes);
        results = List.copyOf(results);
        pipeBuf = List.copyOf(pipeBuf);
    }

    /**
     * The pipe of the current round. capacity and pipeBuf come from F_GETPIPE_SZ and
     * fpathconf(_PC_PIPE_BUF); fill from ioctl(FIONREAD) (-1 before the first sample); readEnds and
     * writeEnds count descriptors in the kernel's tables of the scene's processes (-1 unknown).
     */
    public record Buffer(long inode, int capacity, int defaultCapacity, int pipeBuf, int fill, int readEnds,
                         int writeEnds, List<String> writeHolders, List<String> readHolders) {
        public Buffer {
            writeHolders = List.copyOf(writeHolders);
            readHolders = List.copyOf(readHolders);
        }

        public int pages() {
            return Math.max(1, capacity / 4096);
        }
    }

    /**
     * One process of the scene: what it reported and what the kernel says about it. fds: the pipe
     * ends in its descriptor table (/proc/PID/fd); fdsCurrent: the reading agrees with what the process did since (else it awaits a new sample).
     */
    public record Proc(int pid, String role, String name, char state, String wchan, String lastOp, long written,
                       long read, String outcome, boolean gone, List<Fd> fds, boolean fdsSeen,
                       boolean fdsCurrent) {
        public Proc {
            fds = List.copyOf(fds);
        }

        public boolean asleepIn(String function) {
            return state == 'S' && wchan.contains(function);
        }

        public boolean isWriter() {
            return "writer".equals(role);
        }

        public boolean isReader() {
            return "reader".equals(role);
        }
    }

    /** A pipe end in /proc/PID/fd: target "pipe:[inode]", end "read" or "write". */
    public record Fd(int fd, String target, String end) {
        public long pipeInode() {
            if (!target.startsWith("pipe:[") || !target.endsWith("]")) {
                return -1;
            }
            try {
                return Long.parseLong(target.substring(6, target.length() - 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * A blocked writer and what it took to wake it. asleep: stuck in write() now (see WriterWatch);
     * readWhileAsleep: bytes the reader took since its last write; wokeAfter/wokeAfterReads: what
     * had been read when its last wake-up write returned (null: no wake-up seen yet).
     */
    public record PageWake(boolean asleep, long readWhileAsleep, int readsWhileAsleep, Long wokeAfter,
                           int wokeAfterReads) {
        public boolean shown() {
            return asleep || wokeAfter != null;
        }

        public static final PageWake NONE = new PageWake(false, 0, 0, null, 0);
    }

    /** What the reader of a PIPE_BUF round saw: runs of one writer's bytes, in stream order. */
    public record PipeBufRound(int recordBytes, int records, int interleaved, int switches, long bytes,
                               List<Run> runs) {
        public PipeBufRound {
            runs = List.copyOf(runs);
        }
    }

    /** writer 0 = A, 1 = B; length in bytes. */
    public record Run(int writer, long length) {
    }
}
