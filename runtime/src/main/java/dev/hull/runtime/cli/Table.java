package dev.hull.runtime.cli;

import java.util.List;

/** Left-aligned columns separated by at least three spaces, like Go's tabwriter in runc. */
final class Table {

    private Table() {
    }

    static String format(List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                b.append(r[i]);
                if (i < cols - 1) {
                    b.append(" ".repeat(width[i] - r[i].length() + 3));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
