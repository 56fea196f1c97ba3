package dev.hull.engine.db;

import java.time.Instant;
import java.util.Map;

/**
 * One volume.
 *
 * @param mountpoint where the volume's data lives on the host
 * @param options    the driver options it was created with ({@code --opt})
 */
public record VolumeRow(String name, String driver, String mountpoint, Map<String, String> labels,
                        Map<String, String> options, Instant created) {

    public VolumeRow {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
