package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} object of an image config: how to run the image. Field names
 * are Docker's (capitalised), which the OCI spec kept. {@code entrypoint} and
 * {@code cmd} are null when unset, because a build step inherits an unset value but
 * not an empty one; the collections are empty when unset. Fields hull does not model
 * (Healthcheck, OnBuild, Shell, Hostname...) stay in {@code unknown}.
 */
public record ContainerConfig(String user, Set<String> exposedPorts, List<String> env, List<String> entrypoint,
                              List<String> cmd, Set<String> volumes, String workingDir, Map<String, String> labels,
                              String stopSignal, Boolean argsEscaped, UnknownFields unknown) {

    static final Set<String> KNOWN = Set.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes",
            "WorkingDir", "Labels", "StopSignal", "ArgsEscaped");

    public static final ContainerConfig EMPTY = new ContainerConfig(null, Set.of(), List.of(), null, null, Set.of(),
            null, Map.of(), null, null, UnknownFields.NONE);

    public ContainerConfig {
        exposedPorts = exposedPorts == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(exposedPorts));
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        volumes = volumes == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(volumes));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        unknown = unknown == null ? UnknownFields.NONE : unknown;
    }

    public ContainerConfig withEnv(List<String> e) {
        return new ContainerConfig(user, exposedPorts, e, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, unknown);
    }

    public ContainerConfig withCmd(List<String> c) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, c, volumes, workingDir, labels, stopSignal,
                argsEscaped, unknown);
    }

    public ContainerConfig withEntrypoint(List<String> e) {
        return new ContainerConfig(user, exposedPorts, env, e, cmd, volumes, workingDir, labels, stopSignal,
                argsEscaped, unknown);
    }

    public ContainerConfig withLabels(Map<String, String> l) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, l, stopSignal,
                argsEscaped, unknown);
    }

    static ContainerConfig read(JsonIn j) {
        return new ContainerConfig(j.str("User"), j.keySet("ExposedPorts"), j.strings("Env"), j.strings("Entrypoint"),
                j.strings("Cmd"), j.keySet("Volumes"), j.str("WorkingDir"), j.stringMap("Labels"),
                j.str("StopSignal"), j.bool("ArgsEscaped"), j.unknown(KNOWN));
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (user != null) {
            o.put("User", user);
        }
        if (!exposedPorts.isEmpty()) {
            ObjectNode p = o.putObject("ExposedPorts");
            exposedPorts.forEach(p::putObject);
        }
        if (!env.isEmpty()) {
            env.forEach(o.putArray("Env")::add);
        }
        if (entrypoint != null) {
            entrypoint.forEach(o.putArray("Entrypoint")::add);
        }
        if (cmd != null) {
            cmd.forEach(o.putArray("Cmd")::add);
        }
        if (!volumes.isEmpty()) {
            ObjectNode v = o.putObject("Volumes");
            volumes.forEach(v::putObject);
        }
        if (workingDir != null) {
            o.put("WorkingDir", workingDir);
        }
        if (!labels.isEmpty()) {
            ObjectNode l = o.putObject("Labels");
            labels.forEach(l::put);
        }
        if (stopSignal != null) {
            o.put("StopSignal", stopSignal);
        }
        if (argsEscaped != null) {
            o.put("ArgsEscaped", argsEscaped);
        }
        unknown.writeTo(o);
        return o;
    }
}
