package dev.hull.runtime.spec;

import java.util.List;

/** One {@code mounts} entry. {@code uidMappings}/{@code gidMappings} ask for an idmapped mount. */
public record Mount(String destination, String type, String source, List<String> options,
                    List<IdMapping> uidMappings, List<IdMapping> gidMappings) {

    public Mount {
        options = Util.list(options);
        uidMappings = Util.list(uidMappings);
        gidMappings = Util.list(gidMappings);
    }

    public Mount(String destination, String type, String source, List<String> options) {
        this(destination, type, source, options, List.of(), List.of());
    }
}
