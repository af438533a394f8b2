package org.procstage.scenes.pipe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How many read and write ends of one pipe are open, counted in the kernel's descriptor tables of
 * the scene's processes. -1 (unknown) while any holder's table awaits a reading: a count must never
 * claim "nobody can read" from a table the kernel has not shown since the process changed it.
 */
record OpenEnds(int read, int write, List<String> readHolders, List<String> writeHolders) {

    static OpenEnds count(Collection<ProcRecord> procs, int parentPid, long inode) {
        int read = 0;
        int write = 0;
        boolean known = true;
        List<String> readers = new ArrayList<>();
        List<String> writers = new ArrayList<>();
        for (ProcRecord r : procs) {
            if (r.gone) {
                continue; // exit closed everything it held
            }
            boolean ofThisRound = r.pid == parentPid || r.inode == inode;
            if (!ofThisRound) {
                known &= !r.role.isEmpty(); // forked, not yet reported: it holds what it inherited
                continue;
            }
            if (!r.confirmed(inode)) {
                known = false;
                continue;
            }
            for (PipeScene.Fd fd : r.fds) {
                if (fd.pipeInode() == inode) {
                    boolean isWrite = "write".equals(fd.end());
                    (isWrite ? writers : readers).add(r.label() + " fd " + fd.fd());
                    if (isWrite) {
                        write++;
                    } else {
                        read++;
                    }
                }
            }
        }
        return known ? new OpenEnds(read, write, readers, writers) : new OpenEnds(-1, -1, readers, writers);
    }
}
