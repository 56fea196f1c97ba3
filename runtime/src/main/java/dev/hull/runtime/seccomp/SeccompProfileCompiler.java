package dev.hull.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the OCI runtime-spec (1.2) {@code linux.seccomp} section into a classic-BPF program
 * with libseccomp, the way runc does:
 *
 * <ul>
 *   <li>{@code defaultAction}, {@code defaultErrnoRet} (EPERM when absent for SCMP_ACT_ERRNO and
 *       SCMP_ACT_TRACE; refused for actions that take no errno);
 *   <li>{@code architectures}: added to the filter; the native architecture always stays in it
 *       (as runc and crun do);
 *   <li>{@code flags}: SECCOMP_FILTER_FLAG_TSYNC, _LOG, _SPEC_ALLOW become the numeric flags for
 *       seccomp(2); flags needing seccomp notify are refused, as are {@code listenerPath} and
 *       SCMP_ACT_NOTIFY;
 *   <li>{@code syscalls[]}: names unknown to libseccomp are skipped silently; a rule whose action
 *       equals the default action is skipped; args become comparisons ANDed in one rule, except
 *       when an argument index repeats, when each comparison becomes a rule of its own (so they
 *       are ORed: runc's behaviour);
 *   <li>libseccomp does not set no_new_privs (SCMP_FLTATR_CTL_NNP=0; the plan has a step for it),
 *       and uses its binary-tree layout for more than 32 rules;
 *   <li>runc's -ENOSYS prologue ({@link EnosysStub}) is prepended when the default action denies.
 * </ul>
 *
 * Errors are {@link SeccompException}s whose message is one line starting with the field path,
 * e.g. {@code linux.seccomp.syscalls[3].action: unknown action "SCMP_ACT_FOO"}.
 */
public final class SeccompProfileCompiler {
    private SeccompProfileCompiler() {}

    private static final System.Logger LOG = System.getLogger(SeccompProfileCompiler.class.getName());

    static final String PATH = "linux.seccomp";

    /** seccomp(2) flags */
    public static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    public static final int SECCOMP_FILTER_FLAG_LOG = 1 << 1;
    public static final int SECCOMP_FILTER_FLAG_SPEC_ALLOW = 1 << 2;
    public static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3;
    public static final int SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 1 << 4;
    public static final int SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 1 << 5;

    /** The kernel's limit on a classic BPF program (BPF_MAXINSNS). */
    public static final int BPF_MAXINSNS = 4096;

    static final int EPERM = 1;
    static final int SYSCALL_MAX_ARGS = 6;
    /** runc turns on libseccomp's binary-tree optimisation above this many rules. */
    static final int OPTIMIZE_THRESHOLD = 32;

    private static final Map<String, Integer> FLAGS = Map.of(
            "SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC,
            "SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG,
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW);

    private static final Map<String, Integer> OPS = Map.of(
            "SCMP_CMP_NE", LibSeccomp.SCMP_CMP_NE,
            "SCMP_CMP_LT", LibSeccomp.SCMP_CMP_LT,
            "SCMP_CMP_LE", LibSeccomp.SCMP_CMP_LE,
            "SCMP_CMP_EQ", LibSeccomp.SCMP_CMP_EQ,
            "SCMP_CMP_GE", LibSeccomp.SCMP_CMP_GE,
            "SCMP_CMP_GT", LibSeccomp.SCMP_CMP_GT,
            "SCMP_CMP_MASKED_EQ", LibSeccomp.SCMP_CMP_MASKED_EQ);

    /** Architectures the runtime-spec names; libseccomp knows them as the lower-case suffix. */
    private static final Set<String> SPEC_ARCHS = Set.of(
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL",
            "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC",
            "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K",
            "SCMP_ARCH_SH", "SCMP_ARCH_SHEB");

    // ---------------------------------------------------------------- model

    /** One syscalls[] entry after validation. */
    record Entry(String field, List<String> names, int action, List<LibSeccomp.ArgCmp> args, boolean splitArgs) {}

    /** The validated profile. */
    record Profile(int defaultAction, List<EnosysStub.Arch> archs, int flags, List<Entry> entries) {}

    // ---------------------------------------------------------------- API

    /**
     * Compiles {@code linux.seccomp} into the flags and BPF program for the plan's SECCOMP step.
     *
     * @throws SeccompException naming the field when the profile is invalid or unsupported, or
     *     the libseccomp call when compilation fails
     */
    public static CompiledSeccomp compile(JsonNode linuxSeccomp) {
        Profile profile = parse(linuxSeccomp);
        byte[] program;
        MemorySegment ctx = build(profile);
        try {
            program = LibSeccomp.exportBpf(ctx);
        } finally {
            LibSeccomp.release(ctx);
        }
        if (EnosysStub.wanted(profile.defaultAction())) {
            byte[] stub = EnosysStub.generate(profile.archs(), allNames(profile));
            if (stub.length > 0) {
                byte[] joined = new byte[stub.length + program.length];
                System.arraycopy(stub, 0, joined, 0, stub.length);
                System.arraycopy(program, 0, joined, stub.length, program.length);
                program = joined;
            }
        }
        int insns = program.length / CompiledSeccomp.SOCK_FILTER_SIZE;
        if (insns > BPF_MAXINSNS) {
            throw SeccompException.field(PATH, "the compiled seccomp program has " + insns
                    + " instructions; the kernel accepts at most " + BPF_MAXINSNS);
        }
        return new CompiledSeccomp(profile.flags(), program);
    }

    /**
     * The libseccomp pseudo filter code (PFC) for {@code linux.seccomp}, for debugging and tests.
     * It shows libseccomp's filter only, without the -ENOSYS prologue.
     */
    public static String toPfc(JsonNode linuxSeccomp) {
        MemorySegment ctx = build(parse(linuxSeccomp));
        try {
            return LibSeccomp.exportPfc(ctx);
        } finally {
            LibSeccomp.release(ctx);
        }
    }

    // ---------------------------------------------------------------- libseccomp

    private static MemorySegment build(Profile p) {
        MemorySegment ctx = LibSeccomp.init(p.defaultAction());
        boolean done = false;
        try {
            LibSeccomp.attrSet(ctx, LibSeccomp.SCMP_FLTATR_CTL_NNP, 0);
            LibSeccomp.attrSet(ctx, LibSeccomp.SCMP_FLTATR_CTL_TSYNC, 0);
            LibSeccomp.attrSet(ctx, LibSeccomp.SCMP_FLTATR_API_TSKIP, 1);
            for (EnosysStub.Arch arch : p.archs()) {
                LibSeccomp.archAdd(ctx, arch.token());
            }
            int rules = 0;
            for (Entry e : p.entries()) {
                if (e.action() == p.defaultAction()) {
                    continue; // libseccomp refuses rules equal to the default action
                }
                for (int j = 0; j < e.names().size(); j++) {
                    String name = e.names().get(j);
                    int nr = LibSeccomp.syscallResolveName(name);
                    if (nr == LibSeccomp.NR_SCMP_ERROR) {
                        LOG.log(System.Logger.Level.DEBUG, "unknown seccomp syscall \"{0}\" ignored", name);
                        continue;
                    }
                    String field = e.field() + ".names[" + j + "]";
                    try {
                        if (e.args().isEmpty() || !e.splitArgs()) {
                            LibSeccomp.ruleAdd(ctx, e.action(), nr, e.args(), name);
                        } else {
                            for (LibSeccomp.ArgCmp arg : e.args()) {
                                LibSeccomp.ruleAdd(ctx, e.action(), nr, List.of(arg), name);
                            }
                        }
                    } catch (SeccompException ex) {
                        throw SeccompException.field(field, "syscall \"" + name + "\": " + ex.getMessage());
                    }
                    rules++;
                }
            }
            if (rules > OPTIMIZE_THRESHOLD) {
                LibSeccomp.attrSet(ctx, LibSeccomp.SCMP_FLTATR_CTL_OPTIMIZE, 2);
            }
            done = true;
            return ctx;
        } finally {
            if (!done) {
                LibSeccomp.release(ctx);
            }
        }
    }

    private static Set<String> allNames(Profile p) {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : p.entries()) {
            names.addAll(e.names());
        }
        return names;
    }

    // ---------------------------------------------------------------- validation

    static Profile parse(JsonNode s) {
        if (s == null || s.isMissingNode() || s.isNull()) {
            throw SeccompException.field(PATH, "missing");
        }
        if (!s.isObject()) {
            throw SeccompException.field(PATH, "must be an object, got " + kind(s));
        }
        JsonNode listener = s.get("listenerPath");
        if (listener != null && !listener.isNull() && !(listener.isTextual() && listener.asText().isEmpty())) {
            throw SeccompException.field(PATH + ".listenerPath", "seccomp notify is not supported");
        }

        int defaultAction = action(s, PATH, "defaultAction", "defaultErrnoRet");

        List<EnosysStub.Arch> archs = new ArrayList<>();
        List<JsonNode> archNodes = array(s.get("architectures"), PATH + ".architectures");
        for (int i = 0; i < archNodes.size(); i++) {
            archs.add(arch(archNodes.get(i), PATH + ".architectures[" + i + "]"));
        }

        int flags = 0;
        List<JsonNode> flagNodes = array(s.get("flags"), PATH + ".flags");
        for (int i = 0; i < flagNodes.size(); i++) {
            String path = PATH + ".flags[" + i + "]";
            String flag = text(flagNodes.get(i), path);
            Integer bit = FLAGS.get(flag);
            if (bit == null) {
                if (flag.equals("SECCOMP_FILTER_FLAG_NEW_LISTENER")
                        || flag.equals("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")
                        || flag.equals("SECCOMP_FILTER_FLAG_TSYNC_ESRCH")) {
                    throw SeccompException.field(path, flag + " needs seccomp notify, which is not supported");
                }
                throw SeccompException.field(path, "unknown flag \"" + flag + "\" (known: "
                        + String.join(", ", FLAGS.keySet().stream().sorted().toList()) + ")");
            }
            flags |= bit;
        }

        List<Entry> entries = new ArrayList<>();
        List<JsonNode> syscalls = array(s.get("syscalls"), PATH + ".syscalls");
        for (int i = 0; i < syscalls.size(); i++) {
            entries.add(entry(syscalls.get(i), PATH + ".syscalls[" + i + "]"));
        }
        return new Profile(defaultAction, List.copyOf(archs), flags, List.copyOf(entries));
    }

    private static Entry entry(JsonNode e, String path) {
        if (e == null || !e.isObject()) {
            throw SeccompException.field(path, "must be an object, got " + kind(e));
        }
        JsonNode namesNode = e.get("names");
        if (namesNode == null || namesNode.isNull()) {
            throw SeccompException.field(path + ".names", "missing (required, at least one syscall name)");
        }
        List<JsonNode> nameNodes = array(namesNode, path + ".names");
        if (nameNodes.isEmpty()) {
            throw SeccompException.field(path + ".names", "must name at least one syscall");
        }
        List<String> names = new ArrayList<>(nameNodes.size());
        for (int j = 0; j < nameNodes.size(); j++) {
            String name = text(nameNodes.get(j), path + ".names[" + j + "]");
            if (name.isEmpty()) {
                throw SeccompException.field(path + ".names[" + j + "]", "empty syscall name");
            }
            names.add(name);
        }

        int action = action(e, path, "action", "errnoRet");

        List<JsonNode> argNodes = array(e.get("args"), path + ".args");
        List<LibSeccomp.ArgCmp> args = new ArrayList<>(argNodes.size());
        int[] perIndex = new int[SYSCALL_MAX_ARGS];
        boolean split = false;
        for (int k = 0; k < argNodes.size(); k++) {
            String apath = path + ".args[" + k + "]";
            JsonNode a = argNodes.get(k);
            if (a == null || !a.isObject()) {
                throw SeccompException.field(apath, "must be an object, got " + kind(a));
            }
            long index = u64(a.get("index"), apath + ".index", true);
            if (index < 0 || index >= SYSCALL_MAX_ARGS) {
                throw SeccompException.field(apath + ".index", Long.toUnsignedString(index)
                        + " is out of range (a syscall has arguments 0 to 5)");
            }
            long value = u64(a.get("value"), apath + ".value", true);
            long valueTwo = u64(a.get("valueTwo"), apath + ".valueTwo", false);
            JsonNode opNode = a.get("op");
            if (opNode == null || opNode.isNull()) {
                throw SeccompException.field(apath + ".op", "missing (required)");
            }
            String opName = text(opNode, apath + ".op");
            Integer op = OPS.get(opName);
            if (op == null) {
                throw SeccompException.field(apath + ".op", "unknown operator \"" + opName + "\" (known: "
                        + String.join(", ", OPS.keySet().stream().sorted().toList()) + ")");
            }
            if (++perIndex[(int) index] > 1) {
                split = true;
            }
            args.add(new LibSeccomp.ArgCmp((int) index, op, value, valueTwo));
        }
        return new Entry(path, List.copyOf(names), action, List.copyOf(args), split);
    }

    /** The libseccomp action value of {@code obj[actionField]} with its errno {@code obj[errnoField]}. */
    private static int action(JsonNode obj, String path, String actionField, String errnoField) {
        String apath = path + "." + actionField;
        String epath = path + "." + errnoField;
        JsonNode actionNode = obj.get(actionField);
        if (actionNode == null || actionNode.isNull()) {
            throw SeccompException.field(apath, "missing (required)");
        }
        String name = text(actionNode, apath);
        JsonNode errnoNode = obj.get(errnoField);
        Integer errno = null;
        if (errnoNode != null && !errnoNode.isNull()) {
            long v = u64(errnoNode, epath, true);
            if (v < 0 || v > 0xffff) {
                throw SeccompException.field(epath, Long.toUnsignedString(v) + " is out of range (0 to 65535)");
            }
            errno = (int) v;
        }
        int value = switch (name) {
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> LibSeccomp.SCMP_ACT_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> LibSeccomp.SCMP_ACT_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> LibSeccomp.SCMP_ACT_TRAP;
            case "SCMP_ACT_ALLOW" -> LibSeccomp.SCMP_ACT_ALLOW;
            case "SCMP_ACT_LOG" -> LibSeccomp.SCMP_ACT_LOG;
            case "SCMP_ACT_ERRNO" -> LibSeccomp.actErrno(errno == null ? EPERM : errno);
            case "SCMP_ACT_TRACE" -> LibSeccomp.actTrace(errno == null ? EPERM : errno);
            case "SCMP_ACT_NOTIFY" -> throw SeccompException.field(apath,
                    "SCMP_ACT_NOTIFY: seccomp notify is not supported");
            default -> throw SeccompException.field(apath, "unknown action \"" + name + "\"");
        };
        if (errno != null && !name.equals("SCMP_ACT_ERRNO") && !name.equals("SCMP_ACT_TRACE")) {
            throw SeccompException.field(epath, "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, not " + name);
        }
        return value;
    }

    private static EnosysStub.Arch arch(JsonNode n, String path) {
        String name = text(n, path);
        int token = 0;
        String scmpName = null;
        if (name.startsWith("SCMP_ARCH_") && name.length() > "SCMP_ARCH_".length()) {
            scmpName = name.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT);
            token = LibSeccomp.archResolveName(scmpName);
        }
        if (token == 0) {
            if (SPEC_ARCHS.contains(name)) {
                throw SeccompException.field(path, "architecture \"" + name + "\" is not supported by libseccomp "
                        + LibSeccomp.version());
            }
            throw SeccompException.field(path, "unknown architecture \"" + name + "\"");
        }
        return new EnosysStub.Arch(scmpName, token);
    }

    // ---------------------------------------------------------------- JSON helpers

    private static List<JsonNode> array(JsonNode n, String path) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw SeccompException.field(path, "must be an array, got " + kind(n));
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    private static String text(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            throw SeccompException.field(path, "must be a string, got " + kind(n));
        }
        return n.asText();
    }

    /** An unsigned 64-bit integer (returned as its two's-complement long); 0 when optional and absent. */
    private static long u64(JsonNode n, String path, boolean required) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            if (required) {
                throw SeccompException.field(path, "missing (required)");
            }
            return 0;
        }
        if (!n.isIntegralNumber()) {
            throw SeccompException.field(path, "must be an unsigned integer, got " + kind(n));
        }
        BigInteger v = n.bigIntegerValue();
        if (v.signum() < 0 || v.bitLength() > 64) {
            throw SeccompException.field(path, v + " is out of range for an unsigned 64-bit integer");
        }
        return v.longValue();
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case BOOLEAN -> "boolean " + text;
            case NUMBER -> "number " + text;
            case STRING -> "string " + text;
            default -> text;
        };
    }
}
