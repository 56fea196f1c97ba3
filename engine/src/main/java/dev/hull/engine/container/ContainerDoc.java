package dev.hull.engine.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hull.engine.spec.HostEntry;
import dev.hull.engine.spec.RunOptions;

import java.util.List;

/**
 * A container's configuration as the engine stores it (the database's config
 * column): the run options already merged with the image's config at create, so
 * that every start (and restart) builds the same runtime configuration.
 *
 * @param imageId      the image (its config digest) the container's layers and defaults come from; null with --rootfs
 * @param rootfsDir    --rootfs: the container runs in this directory, no image
 * @param stopSignal   the image's StopSignal or --stop-signal (docker: SIGTERM)
 * @param stopTimeout  seconds between the stop signal and SIGKILL (docker: 10)
 * @param interactive  -i: keep stdin open
 */
public record ContainerDoc(RunOptions options, String imageId, String rootfsDir, RestartPolicy restart, boolean autoRemove,
                           String stopSignal, int stopTimeout, boolean interactive, long logMaxSize,
                           int logMaxFiles, List<HostEntry> addHosts, List<String> dns) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ContainerDoc {
        addHosts = List.copyOf(addHosts);
        dns = List.copyOf(dns);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ContainerDoc fromJson(String json) {
        try {
            return JSON.readValue(json, ContainerDoc.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable container configuration: " + e.getOriginalMessage(), e);
        }
    }
}
