package dev.hull.runtime.seccomp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Bindings to libseccomp ({@code libseccomp.so.2}, 2.5.x) through the FFM API, plus the few libc
 * calls needed to get the exported program back into Java (memfd_create, lseek, read, close).
 *
 * <p>The functions mirror the C API; a filter context is a {@link MemorySegment} returned by
 * {@link #init(int)} that must be given back to {@link #release(MemorySegment)}. libseccomp returns
 * negative errno values; every such failure becomes a {@link SeccompException} naming the call,
 * e.g. {@code seccomp_rule_add_array(mkdir): Invalid argument}.
 */
public final class LibSeccomp {
    private LibSeccomp() {}

    // ---- seccomp.h constants (libseccomp 2.5) ----

    public static final int SCMP_ACT_KILL_PROCESS = 0x80000000;
    public static final int SCMP_ACT_KILL_THREAD = 0x00000000;
    public static final int SCMP_ACT_KILL = SCMP_ACT_KILL_THREAD;
    public static final int SCMP_ACT_TRAP = 0x00030000;
    public static final int SCMP_ACT_NOTIFY = 0x7fc00000;
    public static final int SCMP_ACT_LOG = 0x7ffc0000;
    public static final int SCMP_ACT_ALLOW = 0x7fff0000;

    public static int actErrno(int errno) {
        return 0x00050000 | (errno & 0xffff);
    }

    public static int actTrace(int msg) {
        return 0x7ff00000 | (msg & 0xffff);
    }

    /** enum scmp_compare */
    public static final int SCMP_CMP_NE = 1;
    public static final int SCMP_CMP_LT = 2;
    public static final int SCMP_CMP_LE = 3;
    public static final int SCMP_CMP_EQ = 4;
    public static final int SCMP_CMP_GE = 5;
    public static final int SCMP_CMP_GT = 6;
    public static final int SCMP_CMP_MASKED_EQ = 7;

    /** enum scmp_filter_attr */
    public static final int SCMP_FLTATR_ACT_DEFAULT = 1;
    public static final int SCMP_FLTATR_ACT_BADARCH = 2;
    public static final int SCMP_FLTATR_CTL_NNP = 3;
    public static final int SCMP_FLTATR_CTL_TSYNC = 4;
    public static final int SCMP_FLTATR_API_TSKIP = 5;
    public static final int SCMP_FLTATR_CTL_LOG = 6;
    public static final int SCMP_FLTATR_CTL_SSB = 7;
    public static final int SCMP_FLTATR_CTL_OPTIMIZE = 8;
    public static final int SCMP_FLTATR_API_SYSRAWRC = 9;

    /** __NR_SCMP_ERROR: the name is not a syscall known to libseccomp. */
    public static final int NR_SCMP_ERROR = -1;

    /** One comparison of a syscall argument: {@code struct scmp_arg_cmp}. */
    public record ArgCmp(int arg, int op, long datumA, long datumB) {}

    /** struct scmp_arg_cmp { unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b; } */
    static final StructLayout SCMP_ARG_CMP = MemoryLayout.structLayout(
            JAVA_INT.withName("arg"),
            JAVA_INT.withName("op"),
            JAVA_LONG.withName("datum_a"),
            JAVA_LONG.withName("datum_b"));

    private static final VarHandle ARG = SCMP_ARG_CMP.varHandle(MemoryLayout.PathElement.groupElement("arg"));
    private static final VarHandle OP = SCMP_ARG_CMP.varHandle(MemoryLayout.PathElement.groupElement("op"));
    private static final VarHandle DATUM_A = SCMP_ARG_CMP.varHandle(MemoryLayout.PathElement.groupElement("datum_a"));
    private static final VarHandle DATUM_B = SCMP_ARG_CMP.varHandle(MemoryLayout.PathElement.groupElement("datum_b"));

    // ---- libc constants ----
    private static final int MFD_CLOEXEC = 1;
    private static final int SEEK_SET = 0;
    private static final int EINTR = 4;

    // ---- handles, linked on first use (each costs a few ms of start-up) ----

    private static final Linker LINKER = Linker.nativeLinker();
    private static final String LOAD_ERROR;
    private static final SymbolLookup LIB;
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static {
        SymbolLookup lib = null;
        String error = null;
        try {
            lib = SymbolLookup.libraryLookup("libseccomp.so.2", Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            error = "libseccomp.so.2 could not be loaded (" + e.getMessage()
                    + "); install libseccomp 2.5 or later (Debian: libseccomp2)";
        }
        LOAD_ERROR = error;
        LIB = lib;
    }

    /** A native function whose downcall handle is linked on first use. */
    private static final class Fn {
        private final boolean libseccomp;
        private final String name;
        private final FunctionDescriptor descriptor;
        private final Linker.Option[] options;
        private volatile MethodHandle handle;

        Fn(boolean libseccomp, String name, FunctionDescriptor descriptor, Linker.Option... options) {
            this.libseccomp = libseccomp;
            this.name = name;
            this.descriptor = descriptor;
            this.options = options;
        }

        /** The handle, or a SeccompException when the library or the symbol is missing. */
        MethodHandle get() {
            MethodHandle h = handle;
            if (h == null) {
                if (libseccomp && LOAD_ERROR != null) {
                    throw new SeccompException(LOAD_ERROR);
                }
                MemorySegment symbol = (libseccomp ? LIB : LIBC).find(name).orElseThrow(() -> new SeccompException(
                        name + ": symbol not found in " + (libseccomp ? "libseccomp.so.2 (" + version() + ")" : "libc")
                                + (libseccomp ? "; libseccomp 2.5 or later is needed" : "")));
                h = LINKER.downcallHandle(symbol, descriptor, options);
                handle = h;
            }
            return h;
        }

        boolean exists() {
            return (libseccomp ? LOAD_ERROR == null && LIB.find(name).isPresent() : LIBC.find(name).isPresent());
        }
    }

    private static Fn seccomp(String name, FunctionDescriptor fd) {
        return new Fn(true, name, fd);
    }

    private static final Fn SECCOMP_INIT = seccomp("seccomp_init", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_RELEASE = seccomp("seccomp_release", FunctionDescriptor.ofVoid(ADDRESS));
    private static final Fn SECCOMP_ARCH_ADD = seccomp("seccomp_arch_add",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_ARCH_REMOVE = seccomp("seccomp_arch_remove",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_ARCH_EXIST = seccomp("seccomp_arch_exist",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_ARCH_NATIVE = seccomp("seccomp_arch_native", FunctionDescriptor.of(JAVA_INT));
    private static final Fn SECCOMP_ARCH_RESOLVE_NAME = seccomp("seccomp_arch_resolve_name",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Fn SECCOMP_SYSCALL_RESOLVE_NAME = seccomp("seccomp_syscall_resolve_name",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Fn SECCOMP_SYSCALL_RESOLVE_NAME_ARCH = seccomp("seccomp_syscall_resolve_name_arch",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final Fn SECCOMP_SYSCALL_RESOLVE_NUM_ARCH = seccomp("seccomp_syscall_resolve_num_arch",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
    private static final Fn SECCOMP_RULE_ADD_ARRAY = seccomp("seccomp_rule_add_array",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final Fn SECCOMP_ATTR_SET = seccomp("seccomp_attr_set",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Fn SECCOMP_EXPORT_BPF = seccomp("seccomp_export_bpf",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_EXPORT_PFC = seccomp("seccomp_export_pfc",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Fn SECCOMP_VERSION = seccomp("seccomp_version", FunctionDescriptor.of(ADDRESS));
    private static final Fn SECCOMP_API_GET = seccomp("seccomp_api_get", FunctionDescriptor.of(JAVA_INT));

    private static final Fn MEMFD_CREATE = new Fn(false, "memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final Fn LSEEK = new Fn(false, "lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final Fn READ = new Fn(false, "read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final Fn CLOSE = new Fn(false, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final Fn FREE = new Fn(false, "free", FunctionDescriptor.ofVoid(ADDRESS));
    private static final Fn STRERRORDESC_NP = new Fn(false, "strerrordesc_np", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    /** True when libseccomp.so.2 could be loaded. */
    public static boolean isAvailable() {
        return SECCOMP_INIT.exists();
    }

    private static SeccompException failed(String call, int rc) {
        return new SeccompException(call + ": " + strerror(-rc));
    }

    private static RuntimeException wrap(String call, Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new SeccompException(call + ": " + t, t);
    }

    /** Description of an errno value, e.g. "Invalid argument". */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERRORDESC_NP.get().invokeExact(errno);
            if (!s.equals(MemorySegment.NULL)) {
                return s.reinterpret(256).getString(0);
            }
        } catch (Throwable ignored) {
            // fall through: glibc before 2.32, or another libc
        }
        return "errno " + errno;
    }

    // ---- libseccomp ----

    /** The version of the loaded library, e.g. "2.5.4", or "unknown". */
    public static String version() {
        if (!SECCOMP_VERSION.exists()) {
            return "unknown";
        }
        try {
            MemorySegment v = ((MemorySegment) SECCOMP_VERSION.get().invokeExact()).reinterpret(12);
            return v.get(JAVA_INT, 0) + "." + v.get(JAVA_INT, 4) + "." + v.get(JAVA_INT, 8);
        } catch (Throwable t) {
            return "unknown";
        }
    }

    /** seccomp_api_get(): the API level libseccomp detected for this kernel. */
    public static int apiLevel() {
        MethodHandle mh = SECCOMP_API_GET.get();
        try {
            return (int) mh.invokeExact();
        } catch (Throwable t) {
            throw wrap("seccomp_api_get", t);
        }
    }

    /** seccomp_init(defAction): a new filter context; give it back with {@link #release}. */
    public static MemorySegment init(int defAction) {
        MethodHandle mh = SECCOMP_INIT.get();
        MemorySegment ctx;
        try {
            ctx = (MemorySegment) mh.invokeExact(defAction);
        } catch (Throwable t) {
            throw wrap("seccomp_init", t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            throw new SeccompException(String.format("seccomp_init(0x%08x): failed (invalid default action or out of memory)",
                    defAction));
        }
        return ctx;
    }

    /** seccomp_release(ctx); a NULL ctx is ignored. */
    public static void release(MemorySegment ctx) {
        if (ctx == null || ctx.equals(MemorySegment.NULL)) {
            return;
        }
        MethodHandle mh = SECCOMP_RELEASE.get();
        try {
            mh.invokeExact(ctx);
        } catch (Throwable t) {
            throw wrap("seccomp_release", t);
        }
    }

    /** seccomp_arch_add; returns false when the architecture was already in the filter. */
    public static boolean archAdd(MemorySegment ctx, int archToken) {
        MethodHandle mh = SECCOMP_ARCH_ADD.get();
        int rc;
        try {
            rc = (int) mh.invokeExact(ctx, archToken);
        } catch (Throwable t) {
            throw wrap("seccomp_arch_add", t);
        }
        if (rc == -17 /* EEXIST */) {
            return false;
        }
        if (rc < 0) {
            throw failed(String.format("seccomp_arch_add(0x%08x)", archToken), rc);
        }
        return true;
    }

    /** seccomp_arch_remove; returns false when the architecture was not in the filter. */
    public static boolean archRemove(MemorySegment ctx, int archToken) {
        MethodHandle mh = SECCOMP_ARCH_REMOVE.get();
        int rc;
        try {
            rc = (int) mh.invokeExact(ctx, archToken);
        } catch (Throwable t) {
            throw wrap("seccomp_arch_remove", t);
        }
        if (rc == -17 /* EEXIST: not present */) {
            return false;
        }
        if (rc < 0) {
            throw failed(String.format("seccomp_arch_remove(0x%08x)", archToken), rc);
        }
        return true;
    }

    /** seccomp_arch_exist: whether the architecture is in the filter. */
    public static boolean archExists(MemorySegment ctx, int archToken) {
        MethodHandle mh = SECCOMP_ARCH_EXIST.get();
        int rc;
        try {
            rc = (int) mh.invokeExact(ctx, archToken);
        } catch (Throwable t) {
            throw wrap("seccomp_arch_exist", t);
        }
        if (rc == 0) {
            return true;
        }
        if (rc == -17 /* EEXIST: does not exist, sic */) {
            return false;
        }
        throw failed(String.format("seccomp_arch_exist(0x%08x)", archToken), rc);
    }

    /** seccomp_arch_native(): the token of the architecture libseccomp was built for. */
    public static int archNative() {
        MethodHandle mh = SECCOMP_ARCH_NATIVE.get();
        try {
            return (int) mh.invokeExact();
        } catch (Throwable t) {
            throw wrap("seccomp_arch_native", t);
        }
    }

    /** seccomp_arch_resolve_name("x86_64"): the arch token, or 0 when the name is unknown. */
    public static int archResolveName(String name) {
        MethodHandle mh = SECCOMP_ARCH_RESOLVE_NAME.get();
        try (Arena arena = Arena.ofConfined()) {
            return (int) mh.invokeExact(arena.allocateFrom(name));
        } catch (Throwable t) {
            throw wrap("seccomp_arch_resolve_name", t);
        }
    }

    /**
     * seccomp_syscall_resolve_name: the syscall number on the native architecture (negative
     * pseudo-numbers for syscalls that exist on other architectures only), or {@link
     * #NR_SCMP_ERROR} when the name is unknown.
     */
    public static int syscallResolveName(String name) {
        MethodHandle mh = SECCOMP_SYSCALL_RESOLVE_NAME.get();
        try (Arena arena = Arena.ofConfined()) {
            return (int) mh.invokeExact(arena.allocateFrom(name));
        } catch (Throwable t) {
            throw wrap("seccomp_syscall_resolve_name", t);
        }
    }

    /** seccomp_syscall_resolve_name_arch: like {@link #syscallResolveName} for the given arch. */
    public static int syscallResolveNameArch(int archToken, String name) {
        MethodHandle mh = SECCOMP_SYSCALL_RESOLVE_NAME_ARCH.get();
        try (Arena arena = Arena.ofConfined()) {
            return (int) mh.invokeExact(archToken, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw wrap("seccomp_syscall_resolve_name_arch", t);
        }
    }

    /** seccomp_syscall_resolve_num_arch: the name of syscall {@code num} on the arch, or null. */
    public static String syscallResolveNumArch(int archToken, int num) {
        MethodHandle mh = SECCOMP_SYSCALL_RESOLVE_NUM_ARCH.get();
        try {
            MemorySegment s = (MemorySegment) mh.invokeExact(archToken, num);
            if (s.equals(MemorySegment.NULL)) {
                return null;
            }
            try {
                return s.reinterpret(Long.MAX_VALUE).getString(0);
            } finally {
                FREE.get().invokeExact(s);
            }
        } catch (Throwable t) {
            throw wrap("seccomp_syscall_resolve_num_arch", t);
        }
    }

    /**
     * seccomp_rule_add_array(ctx, action, syscall, args.size(), args); {@code what} names the rule
     * in error messages (usually the syscall name).
     */
    public static void ruleAdd(MemorySegment ctx, int action, int syscall, List<ArgCmp> args, String what) {
        MethodHandle mh = SECCOMP_RULE_ADD_ARRAY.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = MemorySegment.NULL;
            if (!args.isEmpty()) {
                array = arena.allocate(SCMP_ARG_CMP, args.size());
                for (int i = 0; i < args.size(); i++) {
                    ArgCmp a = args.get(i);
                    long base = i * SCMP_ARG_CMP.byteSize();
                    ARG.set(array, base, a.arg());
                    OP.set(array, base, a.op());
                    DATUM_A.set(array, base, a.datumA());
                    DATUM_B.set(array, base, a.datumB());
                }
            }
            rc = (int) mh.invokeExact(ctx, action, syscall, args.size(), array);
        } catch (Throwable t) {
            throw wrap("seccomp_rule_add_array", t);
        }
        if (rc < 0) {
            throw failed("seccomp_rule_add_array(" + what + ")", rc);
        }
    }

    /** seccomp_attr_set(ctx, attr, value). */
    public static void attrSet(MemorySegment ctx, int attr, int value) {
        MethodHandle mh = SECCOMP_ATTR_SET.get();
        int rc;
        try {
            rc = (int) mh.invokeExact(ctx, attr, value);
        } catch (Throwable t) {
            throw wrap("seccomp_attr_set", t);
        }
        if (rc < 0) {
            throw failed("seccomp_attr_set(" + attrName(attr) + ", " + value + ")", rc);
        }
    }

    private static String attrName(int attr) {
        return switch (attr) {
            case SCMP_FLTATR_ACT_DEFAULT -> "SCMP_FLTATR_ACT_DEFAULT";
            case SCMP_FLTATR_ACT_BADARCH -> "SCMP_FLTATR_ACT_BADARCH";
            case SCMP_FLTATR_CTL_NNP -> "SCMP_FLTATR_CTL_NNP";
            case SCMP_FLTATR_CTL_TSYNC -> "SCMP_FLTATR_CTL_TSYNC";
            case SCMP_FLTATR_API_TSKIP -> "SCMP_FLTATR_API_TSKIP";
            case SCMP_FLTATR_CTL_LOG -> "SCMP_FLTATR_CTL_LOG";
            case SCMP_FLTATR_CTL_SSB -> "SCMP_FLTATR_CTL_SSB";
            case SCMP_FLTATR_CTL_OPTIMIZE -> "SCMP_FLTATR_CTL_OPTIMIZE";
            case SCMP_FLTATR_API_SYSRAWRC -> "SCMP_FLTATR_API_SYSRAWRC";
            default -> "attr " + attr;
        };
    }

    /** seccomp_export_bpf: the classic BPF program (an array of 8-byte struct sock_filter, host order). */
    public static byte[] exportBpf(MemorySegment ctx) {
        return export(ctx, SECCOMP_EXPORT_BPF.get(), "seccomp_export_bpf", true);
    }

    /** exportBpf reading the memfd with lseek and read rather than through /proc (for tests). */
    static byte[] exportBpfWithRead(MemorySegment ctx) {
        return export(ctx, SECCOMP_EXPORT_BPF.get(), "seccomp_export_bpf", false);
    }

    /** seccomp_export_pfc: the filter as libseccomp's pseudo filter code, for debugging and tests. */
    public static String exportPfc(MemorySegment ctx) {
        return new String(export(ctx, SECCOMP_EXPORT_PFC.get(), "seccomp_export_pfc", true),
                StandardCharsets.UTF_8);
    }

    /**
     * Runs an export function into a memfd and reads the bytes back, through /proc/self/fd (no
     * extra downcalls to link), or with lseek and read when /proc is not there.
     */
    private static byte[] export(MemorySegment ctx, MethodHandle exportFn, String call, boolean viaProc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE);
            int fd = (int) MEMFD_CREATE.get().invokeExact(capture, arena.allocateFrom("hull-seccomp"), MFD_CLOEXEC);
            if (fd < 0) {
                throw new SeccompException(call + ": memfd_create: " + strerror((int) ERRNO.get(capture, 0L)));
            }
            try {
                int rc = (int) exportFn.invokeExact(ctx, fd);
                if (rc < 0) {
                    throw failed(call, rc);
                }
                if (viaProc) {
                    try {
                        return Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
                    } catch (IOException e) {
                        // no /proc: read the fd itself
                    }
                }
                return readFromStart(fd, call, arena, capture);
            } finally {
                int ignored = (int) CLOSE.get().invokeExact(fd);
            }
        } catch (Throwable t) {
            throw wrap(call, t);
        }
    }

    private static byte[] readFromStart(int fd, String call, Arena arena, MemorySegment capture) throws Throwable {
        long off = (long) LSEEK.get().invokeExact(capture, fd, 0L, SEEK_SET);
        if (off < 0) {
            throw new SeccompException(call + ": lseek on memfd: " + strerror((int) ERRNO.get(capture, 0L)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        MemorySegment buf = arena.allocate(65536);
        while (true) {
            long n = (long) READ.get().invokeExact(capture, fd, buf, buf.byteSize());
            if (n < 0) {
                int errno = (int) ERRNO.get(capture, 0L);
                if (errno == EINTR) {
                    continue;
                }
                throw new SeccompException(call + ": read from memfd: " + strerror(errno));
            }
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(buf.asSlice(0, n).toArray(JAVA_BYTE), 0, (int) n);
        }
    }
}
