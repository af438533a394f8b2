package org.procstage.scenes.cow;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * Keeps a view's nodes from one redraw to the next while what they show is unchanged, so an
 * animation started on a node runs to its end even when the next report arrives a millisecond
 * later and the picture is drawn again.
 */
final class NodeReuse {
    private record Entry(Object content, Node node) {
    }

    private Map<String, Entry> previous = new HashMap<>();
    private Map<String, Entry> current = new HashMap<>();

    /** The node drawn last time under this id if it showed the same content, else a new one. */
    @SuppressWarnings("unchecked")
    <N extends Node> N get(String id, Object content, Supplier<N> make) {
        Entry before = previous.get(id);
        N node = before != null && before.content().equals(content) ? (N) before.node() : make.get();
        current.put(id, new Entry(content, node));
        return node;
    }

    /** True when this id was not drawn last time, but something else was: it has just appeared. */
    boolean appeared(String id) {
        return !previous.isEmpty() && !previous.containsKey(id);
    }

    /** Call after each redraw. */
    void done() {
        previous = current;
        current = new HashMap<>();
    }
}
