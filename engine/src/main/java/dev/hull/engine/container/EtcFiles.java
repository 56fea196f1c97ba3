package dev.hull.engine.container;

import dev.hull.engine.spec.HostEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container's own /etc/hosts, /etc/hostname and /etc/resolv.conf, written in its
 * directory and bound into it, as docker provides them.
 */
final class EtcFiles {

    private EtcFiles() {
    }

    /** Writes the files; returns them by name (resolv.conf, hostname, hosts) for the spec. */
    static Map<String, String> write(Path dir, String hostname, List<HostEntry> extra, List<String> dns,
                                     boolean hostNetwork) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder hosts = new StringBuilder();
        if (hostNetwork && Files.isReadable(Path.of("/etc/hosts"))) {
            hosts.append(Files.readString(Path.of("/etc/hosts")));
        } else {
            hosts.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
                    .append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n")
                    .append("ff02::2\tip6-allrouters\n");
            if (hostname != null) {
                hosts.append("127.0.1.1\t").append(hostname).append('\n');
            }
        }
        for (HostEntry h : extra) {
            hosts.append(h.address()).append('\t').append(h.name()).append('\n');
        }
        files.put("hosts", put(dir.resolve("hosts"), hosts.toString()));
        if (hostname != null) {
            files.put("hostname", put(dir.resolve("hostname"), hostname + "\n"));
        }
        files.put("resolv.conf", put(dir.resolve("resolv.conf"), resolvConf(dns)));
        return files;
    }

    /**
     * --dns servers, else the host's resolv.conf without loopback servers (unreachable
     * from a network namespace of the container's own), as docker filters them.
     */
    private static String resolvConf(List<String> dns) throws IOException {
        if (!dns.isEmpty()) {
            StringBuilder b = new StringBuilder();
            dns.forEach(s -> b.append("nameserver ").append(s).append('\n'));
            return b.toString();
        }
        Path host = Path.of("/etc/resolv.conf");
        if (!Files.isReadable(host)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(host)) {
            String t = line.strip();
            if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains(" ::1"))) {
                continue;
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static String put(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file.toString();
    }
}
