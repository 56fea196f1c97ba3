package dev.hull.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hull.runtime.LsmProbe;
import dev.hull.runtime.plan.MountOptions;
import dev.hull.runtime.spec.Capabilities;
import dev.hull.runtime.state.StateJson;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** features: the runtime-spec features document (what this runtime implements). */
@Command(name = "features", description = "Print the features this runtime implements (runtime-spec features.md).")
final class FeaturesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode f = m.createObjectNode();
        f.put("ociVersionMin", "1.0.0");
        f.put("ociVersionMax", StateJson.OCI_VERSION);
        strings(f.putArray("hooks"), List.of("prestart", "createRuntime", "createContainer", "startContainer",
                "poststart", "poststop"));
        strings(f.putArray("mountOptions"), MountOptions.KNOWN);
        ObjectNode linux = f.putObject("linux");
        strings(linux.putArray("namespaces"), List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user",
                "uts"));
        strings(linux.putArray("capabilities"), Capabilities.names());
        ObjectNode cgroup = linux.putObject("cgroup");
        cgroup.put("v1", true);
        cgroup.put("v2", true);
        cgroup.put("systemd", false);
        cgroup.put("systemdUser", false);
        cgroup.put("rdma", false);
        linux.putObject("apparmor").put("enabled", LsmProbe.apparmor());
        linux.putObject("selinux").put("enabled", LsmProbe.selinux());
        linux.putObject("intelRdt").put("enabled", false);
        linux.putObject("mountExtensions").putObject("idmap").put("enabled", false);
        f.putObject("annotations").put("dev.hull.runtime.version", new VersionProvider().getVersion()[0]);
        System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(f));
        return 0;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
