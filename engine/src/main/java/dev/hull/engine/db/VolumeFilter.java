package dev.hull.engine.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker volume ls --filter} for what the volumes table knows: {@code name}
 * (a substring of the name, as docker matches it), {@code driver} (exact) and
 * {@code label} (all terms must match). Empty means "no condition".
 */
public record VolumeFilter(Set<String> names, Set<String> drivers, List<LabelMatch> labels) {

    public VolumeFilter {
        names = Set.copyOf(names);
        drivers = Set.copyOf(drivers);
        labels = List.copyOf(labels);
    }

    public static VolumeFilter all() {
        return new VolumeFilter(Set.of(), Set.of(), List.of());
    }

    public static VolumeFilter parse(Map<String, List<String>> filters) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> drivers = new LinkedHashSet<>();
        List<LabelMatch> labels = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            for (String v : e.getValue()) {
                switch (e.getKey()) {
                    case "name" -> names.add(v);
                    case "driver" -> drivers.add(v);
                    case "label" -> labels.add(LabelMatch.parse(v));
                    default -> throw new InvalidArgumentException("invalid filter '" + e.getKey() + "'");
                }
            }
        }
        return new VolumeFilter(names, drivers, labels);
    }

    public boolean matches(VolumeRow v) {
        return (names.isEmpty() || names.stream().anyMatch(v.name()::contains))
                && (drivers.isEmpty() || drivers.contains(v.driver()))
                && labels.stream().allMatch(l -> l.matches(v.labels()));
    }
}
