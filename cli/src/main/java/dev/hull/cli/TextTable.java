package dev.hull.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned as docker's tabwriter does them: each as wide as its widest cell, then 3 spaces. */
public final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    public TextTable row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    public String render() {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(r.get(i));
                if (i < r.size() - 1) {
                    line.append(" ".repeat(width[i] - r.get(i).codePointCount(0, r.get(i).length()) + 3));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
