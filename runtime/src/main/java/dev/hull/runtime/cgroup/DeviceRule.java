package dev.hull.runtime.cgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hull.runtime.spec.LinuxDevice;
import dev.hull.runtime.spec.SpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * One device cgroup rule: allow or deny access ({@code r}, {@code w}, {@code m}) to
 * devices of a type ({@code a}, {@code c}, {@code b}) and major:minor ({@code -1} = any).
 */
public record DeviceRule(boolean allow, char type, long major, long minor, String access) {

    /**
     * Devices every container may use whatever its config says, as runc allows them:
     * mknod of any node (opening is what is controlled), the standard character
     * devices, the pty multiplexer and its slaves, and tun/tap.
     */
    public static final List<DeviceRule> ALWAYS_ALLOWED = List.of(
            new DeviceRule(true, 'c', -1, -1, "m"),
            new DeviceRule(true, 'b', -1, -1, "m"),
            new DeviceRule(true, 'c', 1, 3, "rwm"),
            new DeviceRule(true, 'c', 1, 8, "rwm"),
            new DeviceRule(true, 'c', 1, 7, "rwm"),
            new DeviceRule(true, 'c', 5, 0, "rwm"),
            new DeviceRule(true, 'c', 1, 5, "rwm"),
            new DeviceRule(true, 'c', 1, 9, "rwm"),
            new DeviceRule(true, 'c', 136, -1, "rwm"),
            new DeviceRule(true, 'c', 5, 2, "rwm"),
            new DeviceRule(true, 'c', 10, 200, "rwm"));

    /** The line for devices.allow / devices.deny: {@code c 1:3 rwm}, {@code a *:* rwm}. */
    public String line() {
        return type + " " + number(major) + ":" + number(minor) + " " + access;
    }

    private static String number(long n) {
        return n < 0 ? "*" : Long.toString(n);
    }

    /**
     * The rules for a container: a deny of everything first (so the container never
     * inherits its parent's wider access), then linux.resources.devices in order, then
     * the always-allowed devices and the devices the config creates (linux.devices).
     */
    public static List<DeviceRule> forContainer(JsonNode resources, List<LinuxDevice> created) {
        List<DeviceRule> rules = new ArrayList<>();
        rules.add(new DeviceRule(false, 'a', -1, -1, "rwm"));
        JsonNode devices = resources == null ? null : resources.get("devices");
        if (devices != null && devices.isArray()) {
            for (int i = 0; i < devices.size(); i++) {
                rules.add(fromSpec(devices.get(i), "linux.resources.devices[" + i + "]"));
            }
        }
        rules.addAll(ALWAYS_ALLOWED);
        for (LinuxDevice d : created) {
            if (d.major() != null && d.minor() != null && ("c".equals(d.type()) || "b".equals(d.type()))) {
                rules.add(new DeviceRule(true, d.type().charAt(0), d.major(), d.minor(), "rwm"));
            }
        }
        return rules;
    }

    static DeviceRule fromSpec(JsonNode n, String at) {
        if (!n.isObject() || !n.path("allow").isBoolean()) {
            throw new SpecException("config.json: " + at + ".allow: expected true or false");
        }
        String type = n.path("type").asText("a");
        if (!type.equals("a") && !type.equals("c") && !type.equals("b")) {
            throw new SpecException("config.json: " + at + ".type \"" + type + "\": expected a, c or b");
        }
        String access = n.path("access").asText("rwm");
        if (access.isEmpty() || !access.matches("[rwm]+")) {
            throw new SpecException("config.json: " + at + ".access \"" + access + "\": expected letters of rwm");
        }
        long major = n.hasNonNull("major") ? n.get("major").asLong() : -1;
        long minor = n.hasNonNull("minor") ? n.get("minor").asLong() : -1;
        return new DeviceRule(n.get("allow").asBoolean(), type.charAt(0), major, minor, access);
    }
}
