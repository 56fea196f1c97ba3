package dev.hull.engine.container;

import dev.hull.engine.spec.DeviceRequest;
import dev.hull.engine.spec.FlagException;
import dev.hull.runtime.spec.LinuxDevice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host devices --device names: type, numbers and mode as the host has them. */
final class DeviceNodes {

    private DeviceNodes() {
    }

    static List<LinuxDevice> probe(List<DeviceRequest> requests) throws IOException {
        List<LinuxDevice> out = new ArrayList<>();
        for (DeviceRequest r : requests) {
            Path p = Path.of(r.hostPath());
            if (!Files.exists(p)) {
                throw new FlagException("error gathering device information while adding custom device \""
                        + r.hostPath() + "\": no such file or directory");
            }
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            long rdev = (Long) Files.getAttribute(p, "unix:rdev");
            String type = switch (mode & 0170000) {
                case 0020000 -> "c";
                case 0060000 -> "b";
                default -> throw new FlagException("error gathering device information while adding custom device \""
                        + r.hostPath() + "\": not a device node");
            };
            // the kernel's encoding of dev_t (glibc's major()/minor())
            long major = ((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL);
            long minor = ((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL);
            out.add(new LinuxDevice(type, r.containerPath(), major, minor, (long) (mode & 07777),
                    (long) (Integer) Files.getAttribute(p, "unix:uid"), (long) (Integer) Files.getAttribute(p, "unix:gid")));
        }
        return out;
    }
}
