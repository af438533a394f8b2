package org.procstage.scenes.pipe;

import java.util.Map;
import java.util.function.IntSupplier;
import org.procstage.session.ProbeControl;

/**
 * What the student can do in a live run of the pipe scene: step one process on its own, read a
 * chosen amount, close the writer's end, flip the parent's options. The probe bounds-checks every
 * argument; in a replay nothing is sent.
 */
public final class PipeControls {
    private final IntSupplier parent;
    private ProbeControl control = ProbeControl.NONE;

    PipeControls(IntSupplier parent) {
        this.parent = parent;
    }

    void attach(ProbeControl control) {
        this.control = control == null ? ProbeControl.NONE : control;
    }

    public boolean live() {
        return control.live();
    }

    /** Lets pid run on from its step point (a writer writes its next chunks, a reader reads). */
    public boolean step(int pid) {
        return control.command(pid, "go", Map.of());
    }

    /** A reader's step with its own size: {@code calls} read() calls of {@code size} bytes. */
    public boolean read(int pid, int size, int calls) {
        return control.command(pid, "go", Map.of("size", size, "calls", calls));
    }

    /** The writer of phases 1-2 stops writing and closes its write end. */
    public boolean closeWriter(int pid) {
        return control.command(pid, "close", Map.of());
    }

    /** The next pipe the parent makes is shrunk to 4 KiB (F_SETPIPE_SZ). */
    public boolean setShrink(boolean on) {
        return toParent("option", Map.of("shrink", on ? 1 : 0));
    }

    /** The parent of the next EOF round keeps its write end: the classic bug. */
    public boolean setForget(boolean on) {
        return toParent("option", Map.of("forget", on ? 1 : 0));
    }

    /** Runs the EOF part again (the parent offers it at its "EOF done" step point). */
    public boolean repeatEof() {
        return toParent("repeat", Map.of());
    }

    private boolean toParent(String name, Map<String, Object> args) {
        int pid = parent.getAsInt();
        return pid > 0 && control.command(pid, name, args);
    }
}
