package org.procstage.scenes.forktree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions for a forest: each leaf gets its own column, a parent sits above the middle of its
 * children, depth is the row. Units are columns and rows; the view scales them.
 */
public final class TreeLayout {
    public record Position(double column, int row) {
    }

    private TreeLayout() {
    }

    public static Map<Integer, Position> layout(List<ProcessNode> processes) {
        Map<Integer, List<Integer>> children = new LinkedHashMap<>();
        Map<Integer, ProcessNode> byPid = new LinkedHashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        List<Integer> roots = new ArrayList<>();
        for (ProcessNode p : processes) {
            if (byPid.containsKey(p.ppid()) && p.ppid() != p.pid()) {
                children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
            } else {
                roots.add(p.pid());
            }
        }
        Map<Integer, Position> out = new LinkedHashMap<>();
        double[] nextColumn = {0};
        for (int root : roots) {
            place(root, 0, children, out, nextColumn);
        }
        return out;
    }

    private static double place(int pid, int row, Map<Integer, List<Integer>> children, Map<Integer, Position> out,
                                double[] nextColumn) {
        List<Integer> kids = children.getOrDefault(pid, List.of());
        double column;
        if (kids.isEmpty() || out.containsKey(pid)) {
            column = nextColumn[0]++;
        } else {
            double first = Double.NaN;
            double last = 0;
            for (int kid : kids) {
                last = place(kid, row + 1, children, out, nextColumn);
                if (Double.isNaN(first)) {
                    first = last;
                }
            }
            column = (first + last) / 2;
        }
        out.put(pid, new Position(column, row));
        return column;
    }
}
