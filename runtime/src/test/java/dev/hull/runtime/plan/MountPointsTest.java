package dev.hull.runtime.plan;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MountPointsTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw",
            "23 22 0:21 / /tmp rw,nosuid,nodev shared:2 - tmpfs tmpfs rw",
            "24 22 0:22 / /tmp2 rw shared:3 - tmpfs tmpfs rw",
            "25 23 0:23 / /tmp/with\\040space rw shared:4 - tmpfs tmpfs rw");

    @Test
    void holdingIsTheLongestMountPointAbove() {
        List<Path> mounts = MountPoints.parse(MOUNTINFO);
        assertThat(mounts).contains(Path.of("/tmp/with space"));
        assertThat(MountPoints.holding(Path.of("/tmp/b/rootfs"), mounts)).isEqualTo(Path.of("/tmp"));
        // a path component prefix is not a parent: /tmp2 does not hold /tmp22
        assertThat(MountPoints.holding(Path.of("/tmp22/rootfs"), mounts)).isEqualTo(Path.of("/"));
        assertThat(MountPoints.holding(Path.of("/tmp2/rootfs"), mounts)).isEqualTo(Path.of("/tmp2"));
        assertThat(MountPoints.holding(Path.of("/tmp/with space/r"), mounts)).isEqualTo(Path.of("/tmp/with space"));
        // a rootfs that is a mount point holds itself
        assertThat(MountPoints.holding(Path.of("/tmp"), mounts)).isEqualTo(Path.of("/tmp"));
        assertThat(MountPoints.holding(Path.of("/var/lib/x"), List.of())).isEqualTo(Path.of("/"));
    }

    @Test
    void unescapeLeavesOtherBackslashes() {
        assertThat(MountPoints.unescape("a\\134b\\011c\\x")).isEqualTo("a\\b\tc\\x");
    }
}
