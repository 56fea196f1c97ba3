package dev.hull.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code linux}. {@code resources}, {@code seccomp}, {@code personality} and
 * {@code intelRdt} are kept as JSON until they are modelled by the code that
 * applies them.
 */
public record Linux(List<LinuxNamespace> namespaces, List<IdMapping> uidMappings, List<IdMapping> gidMappings,
                    Map<String, TimeOffset> timeOffsets, List<LinuxDevice> devices, String cgroupsPath,
                    JsonNode resources, String rootfsPropagation, List<String> maskedPaths,
                    List<String> readonlyPaths, String mountLabel, Map<String, String> sysctl, JsonNode seccomp,
                    JsonNode personality, JsonNode intelRdt) {

    public static final Linux EMPTY = new Linux(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    public Linux {
        namespaces = Util.list(namespaces);
        uidMappings = Util.list(uidMappings);
        gidMappings = Util.list(gidMappings);
        timeOffsets = Util.map(timeOffsets);
        devices = Util.list(devices);
        resources = Util.node(resources);
        maskedPaths = Util.list(maskedPaths);
        readonlyPaths = Util.list(readonlyPaths);
        sysctl = Util.map(sysctl);
        seccomp = Util.node(seccomp);
        personality = Util.node(personality);
        intelRdt = Util.node(intelRdt);
    }

    @Override
    public JsonNode resources() {
        return resources == null ? null : resources.deepCopy();
    }

    @Override
    public JsonNode seccomp() {
        return seccomp == null ? null : seccomp.deepCopy();
    }

    @Override
    public JsonNode personality() {
        return personality == null ? null : personality.deepCopy();
    }

    @Override
    public JsonNode intelRdt() {
        return intelRdt == null ? null : intelRdt.deepCopy();
    }

    /** The entry for a namespace type, if the config lists it. */
    public Optional<LinuxNamespace> namespace(String type) {
        return namespaces.stream().filter(n -> type.equals(n.type())).findFirst();
    }

    /** True when the config lists the type (new or joined). */
    public boolean hasNamespace(String type) {
        return namespace(type).isPresent();
    }

    /** True when the config asks for a new namespace of this type. */
    public boolean newNamespace(String type) {
        return namespace(type).map(LinuxNamespace::isNew).orElse(false);
    }

    public Linux withNamespaces(List<LinuxNamespace> n) {
        return new Linux(n, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withIdMappings(List<IdMapping> uids, List<IdMapping> gids) {
        return new Linux(namespaces, uids, gids, timeOffsets, devices, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withTimeOffsets(Map<String, TimeOffset> t) {
        return new Linux(namespaces, uidMappings, gidMappings, t, devices, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withDevices(List<LinuxDevice> d) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, d, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withResources(JsonNode r) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, r,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withRootfsPropagation(String p) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, resources,
                p, maskedPaths, readonlyPaths, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withMaskedPaths(List<String> m, List<String> ro) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, resources,
                rootfsPropagation, m, ro, mountLabel, sysctl, seccomp, personality, intelRdt);
    }

    public Linux withSysctl(Map<String, String> s) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, s, seccomp, personality, intelRdt);
    }

    public Linux withSeccomp(JsonNode s) {
        return new Linux(namespaces, uidMappings, gidMappings, timeOffsets, devices, cgroupsPath, resources,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, sysctl, s, personality, intelRdt);
    }
}
