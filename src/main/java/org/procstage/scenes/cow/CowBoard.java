package org.procstage.scenes.cow;

import java.util.List;

/**
 * Everything the copy-on-write picture shows at one moment, as immutable values: the view only
 * draws this. {@code child} is null before fork.
 */
public record CowBoard(int pageKb, Column parent, Column child, List<FrameRow> frames, Touch lastTouch,
                       String caption) {

    public static final CowBoard EMPTY = new CowBoard(4, null, null, List.of(), null, "");

    /** One process's side: its virtual pages as its page table shows them, and its counters. */
    public record Column(String role, int pid, List<Page> pages, long sharedDirtyKb, long privateDirtyKb,
                         long minorFaults, String vars, String status) {
        /** The page table still maps the region (the process has not exited). */
        public boolean mapped() {
            return status.isEmpty() || status.equals("running");
        }
    }

    /** One virtual page: pagemap bits (present, exclusive, frame number or null when hidden) and content. */
    public record Page(int index, boolean present, boolean exclusive, Long pfn, String text, boolean reported) {
    }

    /** The physical frames behind page {@code page}: one shared frame, or one per process. */
    public record FrameRow(int page, List<Frame> frames) {
        public boolean shared() {
            return frames.size() == 1 && frames.get(0).owners().size() == 2;
        }
    }

    /** A page frame; owners are "parent" and/or "child". */
    public record Frame(Long pfn, List<String> owners) {
    }

    /** The last write or read, numbered so the view animates each one once. */
    public record Touch(long seq, String role, int page, boolean write, boolean copied, long faults) {
    }
}
