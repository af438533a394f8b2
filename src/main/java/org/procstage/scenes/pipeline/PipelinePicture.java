package org.procstage.scenes.pipeline;

import java.util.List;

/** Everything the pipeline scene shows at one moment; immutable, so the view can compare and redraw. */
public record PipelinePicture(String sentence, String received, String output, int capacity, int pipeBuf,
                              boolean inputClosed, Station root, List<Station> filters, List<Pipe> pipes) {

    public static final PipelinePicture EMPTY = new PipelinePicture("", "", "", 0, 0, false, null, List.of(),
            List.of());

    /**
     * A process of the pipeline: the root (index -1) or filter {@code index} 0..3. {@code fds} are
     * its pipe descriptors as /proc/PID/fd shows them ("fd 0 ◀ pipe 1"); {@code unusedEnds} counts
     * pipe ends it holds but does not use — each one can keep end of file from ever coming.
     */
    public record Station(int pid, String name, int index, char state, String wchan, String activity,
                          List<String> fds, int unusedEnds, boolean exited, Integer exitCode, boolean reaped) {

        /** The kernel shows it asleep in read() on an empty pipe. */
        public boolean blockedOnInput() {
            return !exited && state == 'S' && wchan.contains("pipe_read");
        }

        /** The kernel shows it asleep in write() on a full pipe. */
        public boolean blockedOnOutput() {
            return !exited && state == 'S' && wchan.contains("pipe_write");
        }
    }

    /**
     * Pipe {@code index} from one process to the next. {@code buffered} is what was written and not
     * yet read, by the probes' reports; {@code kernelBytes} is what ioctl(FIONREAD) last said (null
     * before the reader first looked), {@code kernelFresh} whether no write or read was reported
     * since. End counts come from every process's /proc/PID/fd.
     */
    public record Pipe(int index, String from, String to, boolean made, long inode, String buffered,
                       Integer kernelBytes, boolean kernelFresh, int writeEnds, int readEnds, boolean endsKnown,
                       boolean endOfFile, int totalWritten) {
    }
}
