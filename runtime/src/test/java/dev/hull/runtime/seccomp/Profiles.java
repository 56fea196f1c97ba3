package dev.hull.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Test profiles. */
final class Profiles {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Syscalls a Docker-like default profile denies (the rest of the native table is allowed). */
    static final Set<String> DENIED = Set.of(
            "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module",
            "finit_module", "fsconfig", "fsmount", "fsopen", "fspick", "get_kernel_syms", "get_mempolicy",
            "init_module", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie",
            "mbind", "mount", "mount_setattr", "move_mount", "move_pages", "name_to_handle_at", "nfsservctl",
            "open_by_handle_at", "open_tree", "perf_event_open", "pivot_root", "process_vm_readv",
            "process_vm_writev", "ptrace", "query_module", "quotactl", "quotactl_fd", "reboot", "request_key",
            "set_mempolicy", "setdomainname", "sethostname", "settimeofday", "setns", "swapoff", "swapon",
            "_sysctl", "sysfs", "umount2", "unshare", "uselib", "userfaultfd", "ustat", "vhangup", "vm86",
            "vm86old", "afs_syscall", "tuxcall", "security", "putpmsg", "getpmsg", "vserver",
            "clone", "clone3", "personality", "socket");

    private Profiles() {}

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ~110-name docker-like profile from the test resources. */
    static ObjectNode dockerLike() {
        try (InputStream in = Profiles.class.getResourceAsStream("docker-like-profile.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource docker-like-profile.json not found");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A profile the size of Docker's default one: the docker-like profile's conditional rules,
     * plus one ALLOW entry with every syscall of the native table except {@link #DENIED}
     * (about 350 names), so compile time is measured on a realistic input.
     */
    static ObjectNode dockerSized() {
        ObjectNode profile = dockerLike();
        ArrayNode syscalls = (ArrayNode) profile.get("syscalls");
        Set<String> names = new LinkedHashSet<>();
        int nativeArch = LibSeccomp.archNative();
        for (int nr = 0; nr < 1024; nr++) {
            String name = LibSeccomp.syscallResolveNumArch(nativeArch, nr);
            if (name != null && !DENIED.contains(name)) {
                names.add(name);
            }
        }
        ObjectNode all = JSON.createObjectNode();
        ArrayNode arr = all.putArray("names");
        names.forEach(arr::add);
        all.put("action", "SCMP_ACT_ALLOW");
        syscalls.insert(0, all);
        return profile;
    }

    static int nameCount(JsonNode profile) {
        int n = 0;
        for (JsonNode e : profile.get("syscalls")) {
            n += e.get("names").size();
        }
        return n;
    }
}
