package dev.hull.runtime.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes config.json (and an exec's process.json). Reading goes through
 * Jackson's tree model field by field: unknown fields (windows, solaris, vm, future
 * additions) are ignored, and a value of the wrong type is reported with its path,
 * e.g. {@code config.json: process.args: expected an array of strings}.
 * Writing is pretty-printed and leaves out nulls, empty lists and false flags.
 */
public final class SpecIO {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecIO() {
    }

    /** Reads a config.json; errors are prefixed with the file's name. */
    public static Spec read(Path configJson) {
        return parse(readBytes(configJson), fileName(configJson));
    }

    public static Spec parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    /** Parses a config; source names it in error messages (usually "config.json"). */
    public static Spec parse(byte[] json, String source) {
        return spec(JsonIn.root(source, tree(json, source)));
    }

    /** Reads a process.json (runc exec --process): a runtime-spec process object. */
    public static Process readProcess(Path processJson) {
        return parseProcess(readBytes(processJson), fileName(processJson));
    }

    public static Process parseProcess(byte[] json, String source) {
        return process(JsonIn.root(source, tree(json, source)));
    }

    /** The config as pretty JSON. */
    public static String write(Spec spec) {
        return pretty(toJson(spec));
    }

    public static String writeProcess(Process process) {
        return pretty(process(process));
    }

    public static ObjectNode toJson(Spec spec) {
        ObjectNode o = F.objectNode();
        str(o, "ociVersion", spec.ociVersion());
        obj(o, "process", spec.process(), SpecIO::process);
        obj(o, "root", spec.root(), r -> {
            ObjectNode n = F.objectNode();
            str(n, "path", r.path());
            flag(n, "readonly", r.readonly());
            return n;
        });
        str(o, "hostname", spec.hostname());
        str(o, "domainname", spec.domainname());
        objs(o, "mounts", spec.mounts(), SpecIO::mount);
        obj(o, "hooks", spec.hooks(), SpecIO::hooks);
        strMap(o, "annotations", spec.annotations());
        obj(o, "linux", spec.linux(), SpecIO::linux);
        return o;
    }

    // ---- reading ----

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(fileName(file) + ": " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SpecException(fileName(file) + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    private static JsonNode tree(byte[] json, String source) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new SpecException(source + ": the file is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int nl = why.indexOf('\n');
            if (nl >= 0) {
                why = why.substring(0, nl);
            }
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
            throw new SpecException(source + ": invalid JSON" + where + ": " + why, e);
        } catch (IOException e) {
            throw new SpecException(source + ": " + e.getMessage(), e);
        }
    }

    private static Spec spec(JsonIn j) {
        return new Spec(j.str("ociVersion"), j.object("process", SpecIO::process),
                j.object("root", r -> new Root(r.str("path"), r.bool("readonly"))),
                j.str("hostname"), j.str("domainname"), j.objects("mounts", SpecIO::mount),
                j.object("hooks", SpecIO::hooks), j.stringMap("annotations"), j.object("linux", SpecIO::linux));
    }

    private static Process process(JsonIn j) {
        return new Process(j.bool("terminal"),
                j.object("consoleSize", c -> new ConsoleSize(c.u32("height", 0), c.u32("width", 0))),
                j.object("user", SpecIO::user), j.strings("args"), j.strings("env"), j.str("cwd"),
                j.object("capabilities", c -> new Capabilities(c.strings("bounding"), c.strings("effective"),
                        c.strings("inheritable"), c.strings("permitted"), c.strings("ambient"))),
                j.objects("rlimits", r -> new Rlimit(r.str("type"), orZero(r.u64("hard")), orZero(r.u64("soft")))),
                j.bool("noNewPrivileges"), j.str("apparmorProfile"), j.i32("oomScoreAdj"), j.str("selinuxLabel"),
                j.objectNode("ioPriority"), j.objectNode("scheduler"));
    }

    private static User user(JsonIn j) {
        Long umask = j.u32("umask");
        return new User(j.u32("uid", 0), j.u32("gid", 0), umask == null ? null : umask.intValue(),
                j.u32s("additionalGids"));
    }

    private static Mount mount(JsonIn j) {
        return new Mount(j.str("destination"), j.str("type"), j.str("source"), j.strings("options"),
                j.objects("uidMappings", SpecIO::idMapping), j.objects("gidMappings", SpecIO::idMapping));
    }

    private static IdMapping idMapping(JsonIn j) {
        return new IdMapping(j.u32("containerID", 0), j.u32("hostID", 0), j.u32("size", 0));
    }

    private static Hooks hooks(JsonIn j) {
        return new Hooks(j.objects("prestart", SpecIO::hook), j.objects("createRuntime", SpecIO::hook),
                j.objects("createContainer", SpecIO::hook), j.objects("startContainer", SpecIO::hook),
                j.objects("poststart", SpecIO::hook), j.objects("poststop", SpecIO::hook));
    }

    private static Hook hook(JsonIn j) {
        return new Hook(j.str("path"), j.strings("args"), j.strings("env"), j.i32("timeout"));
    }

    private static Linux linux(JsonIn j) {
        return new Linux(j.objects("namespaces", n -> new LinuxNamespace(n.str("type"), n.str("path"))),
                j.objects("uidMappings", SpecIO::idMapping), j.objects("gidMappings", SpecIO::idMapping),
                j.objectMap("timeOffsets", t -> new TimeOffset(orZero(t.i64("secs")), t.u32("nanosecs", 0))),
                j.objects("devices", d -> new LinuxDevice(d.str("type"), d.str("path"), d.i64("major"),
                        d.i64("minor"), d.u32("fileMode"), d.u32("uid"), d.u32("gid"))),
                j.str("cgroupsPath"), j.objectNode("resources"), j.str("rootfsPropagation"),
                j.strings("maskedPaths"), j.strings("readonlyPaths"), j.str("mountLabel"), j.stringMap("sysctl"),
                j.objectNode("seccomp"), j.objectNode("personality"), j.objectNode("intelRdt"));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    // ---- writing ----

    /**
     * The layout runc's {@code spec} writes ({@code "key": value}, one array element per
     * line), so scripts and people that edit config.json find what they expect.
     */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter GO_STYLE =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private static String pretty(JsonNode n) {
        try {
            return MAPPER.writer(GO_STYLE).writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode process(Process p) {
        ObjectNode o = F.objectNode();
        flag(o, "terminal", p.terminal());
        obj(o, "consoleSize", p.consoleSize(), c -> {
            ObjectNode n = F.objectNode();
            n.put("height", c.height());
            n.put("width", c.width());
            return n;
        });
        obj(o, "user", p.user(), u -> {
            ObjectNode n = F.objectNode();
            n.put("uid", u.uid());
            n.put("gid", u.gid());
            if (u.umask() != null) {
                n.put("umask", Integer.toUnsignedLong(u.umask()));
            }
            if (!u.additionalGids().isEmpty()) {
                ArrayNode a = n.putArray("additionalGids");
                u.additionalGids().forEach(a::add);
            }
            return n;
        });
        strs(o, "args", p.args());
        strs(o, "env", p.env());
        str(o, "cwd", p.cwd());
        obj(o, "capabilities", p.capabilities(), c -> {
            ObjectNode n = F.objectNode();
            strs(n, "bounding", c.bounding());
            strs(n, "effective", c.effective());
            strs(n, "inheritable", c.inheritable());
            strs(n, "permitted", c.permitted());
            strs(n, "ambient", c.ambient());
            return n;
        });
        objs(o, "rlimits", p.rlimits(), r -> {
            ObjectNode n = F.objectNode();
            str(n, "type", r.type());
            n.put("hard", unsigned(r.hard()));
            n.put("soft", unsigned(r.soft()));
            return n;
        });
        flag(o, "noNewPrivileges", p.noNewPrivileges());
        str(o, "apparmorProfile", p.apparmorProfile());
        if (p.oomScoreAdj() != null) {
            o.put("oomScoreAdj", p.oomScoreAdj());
        }
        str(o, "selinuxLabel", p.selinuxLabel());
        node(o, "ioPriority", p.ioPriority());
        node(o, "scheduler", p.scheduler());
        return o;
    }

    private static ObjectNode mount(Mount m) {
        ObjectNode n = F.objectNode();
        str(n, "destination", m.destination());
        str(n, "type", m.type());
        str(n, "source", m.source());
        strs(n, "options", m.options());
        objs(n, "uidMappings", m.uidMappings(), SpecIO::idMapping);
        objs(n, "gidMappings", m.gidMappings(), SpecIO::idMapping);
        return n;
    }

    private static ObjectNode idMapping(IdMapping m) {
        ObjectNode n = F.objectNode();
        n.put("containerID", m.containerID());
        n.put("hostID", m.hostID());
        n.put("size", m.size());
        return n;
    }

    private static ObjectNode hooks(Hooks h) {
        ObjectNode n = F.objectNode();
        objs(n, "prestart", h.prestart(), SpecIO::hook);
        objs(n, "createRuntime", h.createRuntime(), SpecIO::hook);
        objs(n, "createContainer", h.createContainer(), SpecIO::hook);
        objs(n, "startContainer", h.startContainer(), SpecIO::hook);
        objs(n, "poststart", h.poststart(), SpecIO::hook);
        objs(n, "poststop", h.poststop(), SpecIO::hook);
        return n;
    }

    private static ObjectNode hook(Hook h) {
        ObjectNode n = F.objectNode();
        str(n, "path", h.path());
        strs(n, "args", h.args());
        strs(n, "env", h.env());
        if (h.timeout() != null) {
            n.put("timeout", h.timeout());
        }
        return n;
    }

    private static ObjectNode linux(Linux l) {
        ObjectNode n = F.objectNode();
        objs(n, "uidMappings", l.uidMappings(), SpecIO::idMapping);
        objs(n, "gidMappings", l.gidMappings(), SpecIO::idMapping);
        strMap(n, "sysctl", l.sysctl());
        node(n, "resources", l.resources());
        str(n, "cgroupsPath", l.cgroupsPath());
        objs(n, "namespaces", l.namespaces(), ns -> {
            ObjectNode o = F.objectNode();
            str(o, "type", ns.type());
            str(o, "path", ns.path());
            return o;
        });
        objs(n, "devices", l.devices(), d -> {
            ObjectNode o = F.objectNode();
            str(o, "type", d.type());
            str(o, "path", d.path());
            num(o, "major", d.major());
            num(o, "minor", d.minor());
            num(o, "fileMode", d.fileMode());
            num(o, "uid", d.uid());
            num(o, "gid", d.gid());
            return o;
        });
        node(n, "seccomp", l.seccomp());
        str(n, "rootfsPropagation", l.rootfsPropagation());
        strs(n, "maskedPaths", l.maskedPaths());
        strs(n, "readonlyPaths", l.readonlyPaths());
        str(n, "mountLabel", l.mountLabel());
        node(n, "intelRdt", l.intelRdt());
        node(n, "personality", l.personality());
        if (!l.timeOffsets().isEmpty()) {
            ObjectNode t = n.putObject("timeOffsets");
            l.timeOffsets().forEach((k, v) -> {
                ObjectNode o = t.putObject(k);
                o.put("secs", v.secs());
                o.put("nanosecs", v.nanosecs());
            });
        }
        return n;
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static void str(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, v);
        }
    }

    private static void flag(ObjectNode o, String name, boolean v) {
        if (v) {
            o.put(name, true);
        }
    }

    private static void num(ObjectNode o, String name, Long v) {
        if (v != null) {
            o.put(name, v);
        }
    }

    private static void node(ObjectNode o, String name, JsonNode v) {
        if (v != null) {
            o.set(name, v);
        }
    }

    private static void strs(ObjectNode o, String name, List<String> v) {
        if (!v.isEmpty()) {
            ArrayNode a = o.putArray(name);
            v.forEach(a::add);
        }
    }

    private static void strMap(ObjectNode o, String name, Map<String, String> v) {
        if (!v.isEmpty()) {
            ObjectNode m = o.putObject(name);
            v.forEach(m::put);
        }
    }

    private static <T> void obj(ObjectNode o, String name, T v, Function<T, ObjectNode> write) {
        if (v != null) {
            o.set(name, write.apply(v));
        }
    }

    private static <T> void objs(ObjectNode o, String name, List<T> v, Function<T, ObjectNode> write) {
        if (!v.isEmpty()) {
            ArrayNode a = o.putArray(name);
            v.forEach(x -> a.add(write.apply(x)));
        }
    }
}
