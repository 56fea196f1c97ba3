package dev.hull.image.bootstrap;

import dev.hull.image.ImageStorage;
import dev.hull.image.content.BlobInfo;
import dev.hull.image.oci.ContainerConfig;
import dev.hull.image.oci.Descriptor;
import dev.hull.image.oci.Digest;
import dev.hull.image.oci.History;
import dev.hull.image.oci.ImageConfig;
import dev.hull.image.oci.ImageManifest;
import dev.hull.image.oci.MediaTypes;
import dev.hull.image.oci.Platform;
import dev.hull.image.ref.Reference;
import dev.hull.image.store.ImageRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code busybox:latest} as a platform image (no parent) from Debian's
 * busybox-static: one layer with /bin/busybox and a symlink per applet, root and
 * nobody in /etc/passwd and /etc/group, /tmp 1777. Every time in it is the busybox
 * binary's (the package's build), so the same package always makes the same image.
 */
public final class BusyboxBootstrap {

    public static final String NAME = "docker.io/library/busybox:latest";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxBootstrap() {
    }

    public static ImageRecord bootstrap(ImageStorage storage) throws IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX) || !isStatic()) {
            throw new IOException("building busybox needs Debian's busybox-static (/bin/busybox, statically linked): "
                    + "apt-get install busybox-static");
        }
        Instant time = Files.getLastModifiedTime(BUSYBOX).toInstant();
        byte[] layer = layer(applets(), time);
        Digest diffId = Digest.sha256(layer);
        BlobInfo blob = storage.content().write(layer);
        storage.layers().unpack(null, diffId, diffId, () -> new ByteArrayInputStream(layer));
        ContainerConfig run = new ContainerConfig(null, Set.of(), List.of("PATH=/usr/local/sbin:/usr/local/bin:"
                + "/usr/sbin:/usr/bin:/sbin:/bin"), null, List.of("sh"), Set.of(), null, Map.of(), null, null, null);
        ImageConfig config = ImageConfig.create(Platform.host(), run, List.of(diffId), List.of(new History(
                time.toString(), "hull image bootstrap busybox (Debian busybox-static)", null, null, false, null)),
                time.toString());
        byte[] configBytes = config.raw().bytes();
        storage.content().write(configBytes);
        ImageManifest manifest = ImageManifest.create(MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, configBytes),
                List.of(new Descriptor(MediaTypes.OCI_LAYER, blob.digest(), blob.size())), Map.of());
        byte[] manifestBytes = manifest.raw().bytes();
        storage.content().write(manifestBytes);
        return storage.images().put(Descriptor.of(MediaTypes.OCI_MANIFEST, manifestBytes), config.digest(),
                List.of(Reference.parse(NAME)));
    }

    private static byte[] layer(List<String> applets, Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerTarWriter tar = new LayerTarWriter(out, time)) {
            for (String d : List.of("bin", "dev", "etc", "proc", "root", "sys", "usr", "usr/bin", "usr/sbin",
                    "sbin", "var", "home")) {
                tar.dir(d, d.equals("root") ? 0700 : 0755);
            }
            tar.dir("tmp", 01777);
            tar.file("bin/busybox", 0755, BUSYBOX);
            for (String a : applets) {
                if (!a.equals("busybox")) {
                    tar.symlink("bin/" + a, "busybox");
                }
            }
            tar.file("etc/passwd", 0644, ("root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/home:/bin/false\n").getBytes(StandardCharsets.UTF_8));
            tar.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("busybox --list failed: " + out.strip());
        }
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** A dynamically linked busybox would not run in a root without the host's libraries. */
    private static boolean isStatic() throws IOException {
        byte[] head = Files.readAllBytes(BUSYBOX);
        return !new String(head, 0, Math.min(head.length, 1 << 20), StandardCharsets.ISO_8859_1)
                .contains("/lib64/ld-linux");
    }
}
