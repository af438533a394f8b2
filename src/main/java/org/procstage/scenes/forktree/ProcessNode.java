package org.procstage.scenes.forktree;

/**
 * One process as the tree shows it. {@code state} is the letter the kernel reported ('?' before
 * the first sample); {@code exitCode}/{@code exitSignal} are set once it exited.
 */
public record ProcessNode(int pid, int ppid, String program, char state, String wchan,
                          Integer global, Integer local, boolean exited, Integer exitCode,
                          Integer exitSignal, int adoptedFrom, boolean stage) {

    public boolean zombie() {
        return state == 'Z';
    }

    ProcessNode withPpid(int newPpid) {
        return new ProcessNode(pid, newPpid, program, state, wchan, global, local, exited, exitCode, exitSignal,
                adoptedFrom, stage);
    }

    ProcessNode adoptedBy(int newPpid, int from) {
        return new ProcessNode(pid, newPpid, program, state, wchan, global, local, exited, exitCode, exitSignal,
                from, stage);
    }

    ProcessNode withProgram(String p) {
        return new ProcessNode(pid, ppid, p, state, wchan, global, local, exited, exitCode, exitSignal,
                adoptedFrom, stage);
    }

    ProcessNode withKernel(char s, String w, String comm) {
        String shown = comm == null || comm.isEmpty() ? program : comm;
        return new ProcessNode(pid, ppid, shown, s, w, global, local, exited, exitCode, exitSignal,
                adoptedFrom, stage);
    }

    ProcessNode withVars(Integer g, Integer l) {
        return new ProcessNode(pid, ppid, program, state, wchan, g, l, exited, exitCode, exitSignal,
                adoptedFrom, stage);
    }

    ProcessNode withExit(Integer code, Integer signal) {
        return new ProcessNode(pid, ppid, program, state, wchan, global, local, true, code, signal,
                adoptedFrom, stage);
    }

    static ProcessNode fresh(int pid, int ppid, String program, boolean stage) {
        return new ProcessNode(pid, ppid, program, '?', "", null, null, false, null, null, 0, stage);
    }
}
