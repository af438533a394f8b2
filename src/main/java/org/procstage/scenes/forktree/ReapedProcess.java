package org.procstage.scenes.forktree;

/**
 * A process that has left the tree: what it was, the status its parent got from wait, who
 * reaped it, and what the kernel showed on the way (a zombie; an adoption).
 */
public record ReapedProcess(int pid, String program, String status, int reapedBy, boolean byStage,
                            boolean zombieSeen, int adoptedFrom, Integer global, Integer local) {

    /** One line for the ledger. */
    public String describe() {
        StringBuilder s = new StringBuilder("PID ").append(pid).append(" (").append(program).append("): ")
                .append(status).append(" — reaped by ").append(reapedBy).append(byStage ? " (the stage)" : "");
        if (zombieSeen) {
            s.append(" · was a zombie (Z)");
        }
        if (adoptedFrom > 0) {
            s.append(" · orphan of ").append(adoptedFrom);
        }
        return s.toString();
    }
}
