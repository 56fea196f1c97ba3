package dev.hull.engine.db;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code docker ps --filter} for the keys the metadata answers: several values of one
 * key match if any matches, different keys must all match; label terms must all match
 * (docker's rules). {@code id} and {@code name} are regular expressions searched in the
 * full ID and in {@code /name}, as docker does, so a prefix or a fragment both work.
 * {@code ancestor} matches the image reference or the image ID (or its prefix); the
 * caller resolves image names to IDs before asking.
 * Empty sets mean "no condition".
 */
public record ContainerFilter(Set<ContainerState> states, List<Pattern> ids, List<Pattern> names,
                              List<LabelMatch> labels, Set<String> ancestors, Set<Integer> exitCodes) {

    public ContainerFilter {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        ids = List.copyOf(ids);
        names = List.copyOf(names);
        labels = List.copyOf(labels);
        ancestors = Set.copyOf(ancestors);
        exitCodes = Set.copyOf(exitCodes);
    }

    public static ContainerFilter all() {
        return new ContainerFilter(Set.of(), List.of(), List.of(), List.of(), Set.of(), Set.of());
    }

    /** Parses docker's filter map ({@code {"status": ["running"], "label": ["a=b"]}}). */
    public static ContainerFilter parse(Map<String, List<String>> filters) {
        Set<ContainerState> states = EnumSet.noneOf(ContainerState.class);
        List<Pattern> ids = new ArrayList<>();
        List<Pattern> names = new ArrayList<>();
        List<LabelMatch> labels = new ArrayList<>();
        Set<String> ancestors = new LinkedHashSet<>();
        Set<Integer> exitCodes = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            String key = e.getKey();
            for (String v : e.getValue()) {
                switch (key) {
                    case "status" -> states.add(status(v));
                    case "id" -> ids.add(regex(key, v));
                    case "name" -> names.add(regex(key, v));
                    case "label" -> labels.add(LabelMatch.parse(v));
                    case "ancestor" -> ancestors.add(v);
                    case "exited" -> exitCodes.add(exitCode(v));
                    default -> throw new InvalidArgumentException("invalid filter '" + key + "'");
                }
            }
        }
        return new ContainerFilter(states, ids, names, labels, ancestors, exitCodes);
    }

    public ContainerFilter withStates(ContainerState... s) {
        return new ContainerFilter(Set.of(s), ids, names, labels, ancestors, exitCodes);
    }

    /** True if the row passes the conditions that are checked in Java rather than SQL. */
    boolean matchesPatterns(ContainerRow row) {
        return (ids.isEmpty() || ids.stream().anyMatch(p -> p.matcher(row.id()).find()))
                && (names.isEmpty() || names.stream().anyMatch(p -> p.matcher("/" + row.name()).find()));
    }

    private static ContainerState status(String v) {
        for (ContainerState s : ContainerState.values()) {
            if (s.word().equals(v)) {
                return s;
            }
        }
        throw new InvalidArgumentException("invalid filter 'status=" + v + "'");
    }

    private static Pattern regex(String key, String v) {
        try {
            return Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            throw new InvalidArgumentException("invalid filter '" + key + "=" + v + "': " + e.getDescription());
        }
    }

    private static int exitCode(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid filter 'exited=" + v + "'");
        }
    }
}
