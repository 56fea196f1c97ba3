package dev.hull.runtime.seccomp;

import static dev.hull.runtime.seccomp.BpfInterpreter.AUDIT_ARCH_AARCH64;
import static dev.hull.runtime.seccomp.BpfInterpreter.AUDIT_ARCH_I386;
import static dev.hull.runtime.seccomp.BpfInterpreter.AUDIT_ARCH_X86_64;
import static dev.hull.runtime.seccomp.BpfInterpreter.SECCOMP_RET_ALLOW;
import static dev.hull.runtime.seccomp.BpfInterpreter.SECCOMP_RET_KILL_THREAD;
import static dev.hull.runtime.seccomp.BpfInterpreter.X32_SYSCALL_BIT;
import static dev.hull.runtime.seccomp.BpfInterpreter.errno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeccompProfileCompilerTest {

    static final int EPERM = 1;
    static final int EACCES = 13;
    static final int ENOSYS = 38;

    static int nr(String name) {
        return LibSeccomp.syscallResolveNameArch(LibSeccomp.archResolveName("x86_64"), name);
    }

    static int nr32(String name) {
        return LibSeccomp.syscallResolveNameArch(LibSeccomp.archResolveName("x86"), name);
    }

    @BeforeAll
    static void x86_64Host() {
        assumeTrue(LibSeccomp.isAvailable(), "libseccomp.so.2 is not installed");
        // the BPF checks below use x86_64 syscall numbers and AUDIT_ARCH values
        assumeTrue(LibSeccomp.archNative() == AUDIT_ARCH_X86_64, "not an x86_64 host");
    }

    static final String SMALL = """
            {
              "defaultAction": "SCMP_ACT_ALLOW",
              "syscalls": [
                {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}
              ]
            }""";

    @Test
    void smallProfileDeniesMkdirWithEpermAndAllowsTheRest() {
        JsonNode profile = Profiles.parse(SMALL);
        String pfc = SeccompProfileCompiler.toPfc(profile);
        assertThat(pfc)
                .contains("# filter for syscall \"mkdir\" (83)")
                .contains("if ($syscall == 83)\n    action ERRNO(1);")
                .contains("if ($syscall == 258)\n    action ERRNO(1);")
                .contains("# default action\n  action ALLOW;")
                .doesNotContain("filter for syscall \"read\"");

        CompiledSeccomp c = SeccompProfileCompiler.compile(profile);
        assertThat(c.flags()).isZero();
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mkdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mkdirat"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("read"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("rmdir"))).isEqualTo(SECCOMP_RET_ALLOW);
        // an architecture not in the filter gets libseccomp's bad-arch action (KILL)
        assertThat(bpf.run(AUDIT_ARCH_AARCH64, 0)).isEqualTo(SECCOMP_RET_KILL_THREAD);
    }

    @Test
    void filterIsANonEmptyArrayOfSockFilters() {
        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.parse(SMALL));
        byte[] f = c.filter();
        assertThat(f).isNotEmpty();
        assertThat(f.length % 8).isZero();
        assertThat(c.instructions()).isEqualTo(f.length / 8).isLessThanOrEqualTo(SeccompProfileCompiler.BPF_MAXINSNS);
        // libseccomp's program starts by loading seccomp_data.arch: ld [4]
        assertThat(c.buffer().getShort(0)).isEqualTo((short) 0x20);
        assertThat(c.buffer().getInt(4)).isEqualTo(4);
        // the same profile compiles to the same bytes
        assertThat(SeccompProfileCompiler.compile(Profiles.parse(SMALL))).isEqualTo(c);
    }

    @Test
    void architecturesAreAddedAndTheNativeOneKept() {
        String pfc = SeccompProfileCompiler.toPfc(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}"""));
        assertThat(pfc)
                .contains("# filter for arch x86_64 (3221225534)")
                .contains("# filter for arch x86 (1073741827)")
                .contains("# filter for arch x32 (3221225534)")
                .contains("if ($syscall == 39)") // mkdir on i386
                .contains("if ($syscall == 1073741907)") // mkdir on x32
                .doesNotContain("aarch64");

        String foreign = SeccompProfileCompiler.toPfc(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_AARCH64"],
                 "syscalls": [{"names": ["mkdirat"], "action": "SCMP_ACT_ERRNO"}]}"""));
        assertThat(foreign)
                .contains("# filter for arch aarch64 (3221225655)")
                .contains("# filter for arch x86_64 (3221225534)")
                .doesNotContain("arch x86 (");

        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86"],
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}"""));
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("mkdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("read"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mkdir"))).isEqualTo(errno(EPERM));
        // x32 was not listed: x32 syscalls get the bad-arch action
        assertThat(bpf.run(AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | nr("read"))).isEqualTo(SECCOMP_RET_KILL_THREAD);
        assertThat(bpf.run(AUDIT_ARCH_AARCH64, 34)).isEqualTo(SECCOMP_RET_KILL_THREAD);
    }

    @Test
    void argumentComparisonsAppearInThePfcAndTakeEffect() {
        JsonNode profile = Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [
                   {"names": ["personality"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
                    "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
                   {"names": ["clone"], "action": "SCMP_ACT_ERRNO",
                    "args": [{"index": 0, "value": 2114060288, "valueTwo": 268435456, "op": "SCMP_CMP_MASKED_EQ"}]},
                   {"names": ["kill"], "action": "SCMP_ACT_ERRNO",
                    "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_LE"},
                             {"index": 1, "value": 9, "op": "SCMP_CMP_NE"}]},
                   {"names": ["setuid"], "action": "SCMP_ACT_ERRNO",
                    "args": [{"index": 0, "value": 1000, "op": "SCMP_CMP_GT"}]},
                   {"names": ["setgid"], "action": "SCMP_ACT_ERRNO",
                    "args": [{"index": 0, "value": 1000, "op": "SCMP_CMP_GE"}]},
                   {"names": ["umask"], "action": "SCMP_ACT_ERRNO",
                    "args": [{"index": 0, "value": 18, "op": "SCMP_CMP_LT"}]}
                 ]}""");
        assertThat(SeccompProfileCompiler.toPfc(profile))
                .contains("if ($a0.lo32 == 8)\n        action ERRNO(13);")
                .contains("if ($a0.lo32 & 0x7e020000 == 268435456)")
                .contains("if ($a1.lo32 == 9)")
                .contains("if ($a0.lo32 > 1000)")
                .contains("if ($a0.lo32 >= 1000)");

        BpfInterpreter bpf = new BpfInterpreter(SeccompProfileCompiler.compile(profile));
        int personality = nr("personality");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 8)).isEqualTo(errno(EACCES));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 0)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 8L | (1L << 32))).isEqualTo(SECCOMP_RET_ALLOW);
        int clone = nr("clone");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x10000000L | 0x11)).isEqualTo(errno(EPERM)); // CLONE_NEWUSER
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x10000000L | 0x20000)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x11)).isEqualTo(SECCOMP_RET_ALLOW);
        // distinct indexes are ANDed in one rule
        int kill = nr("kill");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 1, 15)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 1, 9)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 2, 15)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("setuid"), 1001)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("setuid"), 1000)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("setgid"), 1000)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("setgid"), 999)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("umask"), 0)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("umask"), 18)).isEqualTo(SECCOMP_RET_ALLOW);
    }

    @Test
    void repeatedArgumentIndexBecomesOneRulePerComparisonAsInRunc() {
        // runc: when an index repeats, each comparison is a rule of its own, so they are ORed
        BpfInterpreter bpf = new BpfInterpreter(SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["kill"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 1, "value": 9, "op": "SCMP_CMP_EQ"},
                            {"index": 1, "value": 19, "op": "SCMP_CMP_EQ"},
                            {"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}]}""")));
        int kill = nr("kill");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 100, 9)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 100, 19)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 1, 15)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, kill, 100, 15)).isEqualTo(SECCOMP_RET_ALLOW);
    }

    @Test
    void unknownSyscallNamesAreSkippedSilently() {
        JsonNode with = Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["hull_no_such_syscall", "mkdir", "another_unknown"], "action": "SCMP_ACT_ERRNO"}]}""");
        JsonNode without = Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}""");
        assertThat(SeccompProfileCompiler.toPfc(with)).contains("\"mkdir\"").doesNotContain("hull_no_such_syscall");
        assertThat(SeccompProfileCompiler.compile(with)).isEqualTo(SeccompProfileCompiler.compile(without));
        // a profile made only of unknown names still compiles (to the default action)
        CompiledSeccomp only = SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["hull_no_such_syscall"], "action": "SCMP_ACT_KILL"}]}"""));
        assertThat(new BpfInterpreter(only).run(AUDIT_ARCH_X86_64, nr("mkdir"))).isEqualTo(SECCOMP_RET_ALLOW);
    }

    @Test
    void rulesWithTheDefaultActionAreSkipped() {
        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO",
                 "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                              {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"},
                              {"names": ["rmdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
                              {"names": ["unlink"], "action": "SCMP_ACT_ERRNO", "errnoRet": 2}]}"""));
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("read"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mkdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("rmdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("unlink"))).isEqualTo(errno(2));
    }

    @Test
    void actionsMapToLibseccompValues() {
        String pfc = SeccompProfileCompiler.toPfc(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [
                   {"names": ["mkdir"], "action": "SCMP_ACT_KILL"},
                   {"names": ["rmdir"], "action": "SCMP_ACT_KILL_PROCESS"},
                   {"names": ["unlink"], "action": "SCMP_ACT_KILL_THREAD"},
                   {"names": ["chmod"], "action": "SCMP_ACT_TRAP"},
                   {"names": ["chown"], "action": "SCMP_ACT_TRACE", "errnoRet": 7},
                   {"names": ["link"], "action": "SCMP_ACT_TRACE"},
                   {"names": ["symlink"], "action": "SCMP_ACT_LOG"},
                   {"names": ["rename"], "action": "SCMP_ACT_ERRNO", "errnoRet": 30}
                 ]}"""));
        assertThat(pfc)
                .contains("if ($syscall == 83)\n    action KILL;")
                .contains("if ($syscall == 84)\n    action KILL_PROCESS;")
                .contains("if ($syscall == 87)\n    action KILL;")
                .contains("if ($syscall == 90)\n    action TRAP;")
                .contains("if ($syscall == 92)\n    action TRACE(7);")
                .contains("if ($syscall == 86)\n    action TRACE(1);")
                .contains("if ($syscall == 88)\n    action LOG;")
                .contains("if ($syscall == 82)\n    action ERRNO(30);");
    }

    @Test
    void defaultErrnoRetAndFlags() {
        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
                 "flags": ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
                 "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"}]}"""));
        assertThat(c.flags()).isEqualTo(1 | 2 | 4);
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mkdir"))).isEqualTo(errno(ENOSYS));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("read"))).isEqualTo(SECCOMP_RET_ALLOW);

        assertThat(SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG"], "listenerPath": ""}""")).flags())
                .isEqualTo(2);
    }

    @Test
    void enosysPrologueLikeRuncForSyscallsNewerThanTheProfile() {
        JsonNode profile = Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                 "syscalls": [{"names": ["read", "write", "mkdir", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}""");
        CompiledSeccomp c = SeccompProfileCompiler.compile(profile);
        BpfInterpreter bpf = new BpfInterpreter(c);
        int max = nr("exit_group"); // 231, the largest number in the profile on x86_64
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("read"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("rmdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, max)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, max + 1)).isEqualTo(errno(ENOSYS));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("clone3"))).isEqualTo(errno(ENOSYS));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, 1000)).isEqualTo(errno(ENOSYS));
        // x32: same numbers with bit 30
        assertThat(bpf.run(AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | nr("read"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | nr("rmdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | 1000)).isEqualTo(errno(ENOSYS));
        // i386: its own numbering (exit_group is 252 there)
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("exit_group"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("rmdir"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_I386, 253)).isEqualTo(errno(ENOSYS));
        assertThat(bpf.run(AUDIT_ARCH_AARCH64, 1000)).isEqualTo(SECCOMP_RET_KILL_THREAD);

        // x86_64 without x32: x32 calls fall through to libseccomp's bad-arch action
        BpfInterpreter noX32 = new BpfInterpreter(SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"names": ["read", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}""")));
        assertThat(noX32.run(AUDIT_ARCH_X86_64, 1000)).isEqualTo(errno(ENOSYS));
        assertThat(noX32.run(AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | 1000)).isEqualTo(SECCOMP_RET_KILL_THREAD);

        // like runc: no prologue without architectures, or with a permissive default action
        assertThat(new BpfInterpreter(SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO",
                 "syscalls": [{"names": ["read", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}"""))).run(AUDIT_ARCH_X86_64, 1000))
                .isEqualTo(errno(EPERM));
        assertThat(new BpfInterpreter(SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_LOG", "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"names": ["read", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}"""))).run(AUDIT_ARCH_X86_64, 1000))
                .isEqualTo(0x7ffc0000);
        // with defaultErrnoRet ENOSYS there is nothing to patch
        CompiledSeccomp enosysDefault = SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"}]}"""));
        assertThat(enosysDefault.buffer().getInt(4)).isEqualTo(4); // starts with libseccomp's ld [4]
        assertThat(enosysDefault.instructions()).isLessThan(c.instructions());
    }

    @Test
    void dockerLikeDefaultProfileCompiles() {
        ObjectNode profile = Profiles.dockerLike();
        assertThat(Profiles.nameCount(profile)).isGreaterThanOrEqualTo(60);
        CompiledSeccomp c = SeccompProfileCompiler.compile(profile);
        assertThat(c.flags()).isZero();
        assertThat(c.instructions()).isBetween(50, SeccompProfileCompiler.BPF_MAXINSNS);
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("openat"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("mount"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("ptrace"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("clone3"))).isEqualTo(errno(ENOSYS));
        // clone: allowed without CLONE_NEW* flags, EPERM with CLONE_NEWUSER / CLONE_NEWNS
        int clone = nr("clone");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x01200011L)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x10000000L | 0x11)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, clone, 0x00020000L | 0x11)).isEqualTo(errno(EPERM));
        // personality: only the listed personas
        int personality = nr("personality");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 0)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 8)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 0xffffffffL)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, personality, 0x0040000L)).isEqualTo(errno(EPERM)); // READ_IMPLIES_EXEC
        int socket = nr("socket");
        assertThat(bpf.run(AUDIT_ARCH_X86_64, socket, 2)).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, socket, 40)).isEqualTo(errno(EPERM));
        // i386 compat: its own numbers, and i386-only syscalls like socketcall
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("socketcall"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_I386, nr32("mount"))).isEqualTo(errno(EPERM));
        // newer than anything in the profile: ENOSYS so that libc falls back
        assertThat(bpf.run(AUDIT_ARCH_X86_64, 1000)).isEqualTo(errno(ENOSYS));
    }

    @Test
    void dockerSizedProfileCompilesWellUnderTheKernelLimit() {
        ObjectNode profile = Profiles.dockerSized();
        assertThat(Profiles.nameCount(profile)).isGreaterThan(300);
        CompiledSeccomp c = SeccompProfileCompiler.compile(profile);
        assertThat(c.instructions()).isLessThan(SeccompProfileCompiler.BPF_MAXINSNS);
        BpfInterpreter bpf = new BpfInterpreter(c);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("futex"))).isEqualTo(SECCOMP_RET_ALLOW);
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("reboot"))).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, nr("clone"), 0x10000000L)).isEqualTo(errno(EPERM));
        assertThat(bpf.run(AUDIT_ARCH_X86_64, 1000)).isEqualTo(errno(ENOSYS));
        // every allowed name is allowed (the binary-tree layout must not lose any)
        for (JsonNode name : profile.get("syscalls").get(0).get("names")) {
            int n = nr(name.asText());
            if (n >= 0) {
                assertThat(bpf.run(AUDIT_ARCH_X86_64, n)).as(name.asText()).isEqualTo(SECCOMP_RET_ALLOW);
            }
        }
    }

    // ------------------------------------------------------------------ errors

    static String error(String json) {
        try {
            SeccompProfileCompiler.compile(Profiles.parse(json));
        } catch (SeccompException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a SeccompException for " + json);
    }

    @Test
    void badActionNamesTheField() {
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["read"], "action": "SCMP_ACT_ERRNO"},
                  {"names": ["read"], "action": "SCMP_ACT_ERRNO"},
                  {"names": ["read"], "action": "SCMP_ACT_ERRNO"},
                  {"names": ["read"], "action": "SCMP_ACT_FOO"}]}"""))
                .isEqualTo("linux.seccomp.syscalls[3].action: unknown action \"SCMP_ACT_FOO\"");
        assertThat(error("{\"defaultAction\": \"ALLOW\"}"))
                .isEqualTo("linux.seccomp.defaultAction: unknown action \"ALLOW\"");
        assertThat(error("{\"syscalls\": []}")).isEqualTo("linux.seccomp.defaultAction: missing (required)");
        assertThat(error("{\"defaultAction\": 1}")).isEqualTo("linux.seccomp.defaultAction: must be a string, got number 1");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"]}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].action: missing (required)");
    }

    @Test
    void badOperatorAndArgsNameTheField() {
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["kill"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 1, "op": "SCMP_CMP_FOO"}]}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].args[1].op: unknown operator \"SCMP_CMP_FOO\" (known: SCMP_CMP_EQ, "
                        + "SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_LE, SCMP_CMP_LT, SCMP_CMP_MASKED_EQ, SCMP_CMP_NE)");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].args[0].index: 6 is out of range (a syscall has arguments 0 to 5)");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].args[0].value: -1 is out of range for an unsigned 64-bit integer");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "op": "SCMP_CMP_EQ"}]}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].args[0].value: missing (required)");
        // the full u64 range is accepted
        SeccompProfileCompiler.compile(Profiles.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["kill"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 0, "value": 18446744073709551615, "op": "SCMP_CMP_EQ"}]}]}"""));
    }

    @Test
    void badArchitectureNamesTheField() {
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"]}"""))
                .isEqualTo("linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_VAX\"");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["x86_64"]}"""))
                .isEqualTo("linux.seccomp.architectures[0]: unknown architecture \"x86_64\"");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_LOONGARCH64"]}"""))
                .startsWith("linux.seccomp.architectures[0]: architecture \"SCMP_ARCH_LOONGARCH64\" is not supported by libseccomp 2.");
    }

    @Test
    void notifyAndUnknownFlagsAreRefused() {
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock"}"""))
                .isEqualTo("linux.seccomp.listenerPath: seccomp notify is not supported");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["read"], "action": "SCMP_ACT_ERRNO"},
                  {"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}"""))
                .isEqualTo("linux.seccomp.syscalls[1].action: SCMP_ACT_NOTIFY: seccomp notify is not supported");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_NOTIFY"}"""))
                .isEqualTo("linux.seccomp.defaultAction: SCMP_ACT_NOTIFY: seccomp notify is not supported");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_BOGUS"]}"""))
                .isEqualTo("linux.seccomp.flags[1]: unknown flag \"SECCOMP_FILTER_FLAG_BOGUS\" (known: "
                        + "SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_TSYNC)");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}"""))
                .isEqualTo("linux.seccomp.flags[0]: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs seccomp notify, "
                        + "which is not supported");
    }

    @Test
    void errnoRetOnlyWithErrnoOrTrace() {
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 1}"""))
                .isEqualTo("linux.seccomp.defaultErrnoRet: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, "
                        + "not SCMP_ACT_ALLOW");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_KILL", "errnoRet": 1}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].errnoRet: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, "
                        + "not SCMP_ACT_KILL");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 70000}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].errnoRet: 70000 is out of range (0 to 65535)");
    }

    @Test
    void malformedShapesNameTheField() {
        assertThat(error("[]")).isEqualTo("linux.seccomp: must be an object, got an array");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": {"names": ["read"]}}"""))
                .isEqualTo("linux.seccomp.syscalls: must be an array, got an object");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"action": "SCMP_ACT_ERRNO"}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].names: missing (required, at least one syscall name)");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [], "action": "SCMP_ACT_ERRNO"}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].names: must name at least one syscall");
        assertThat(error("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read", 3], "action": "SCMP_ACT_ERRNO"}]}"""))
                .isEqualTo("linux.seccomp.syscalls[0].names[1]: must be a string, got number 3");
        assertThatThrownBy(() -> SeccompProfileCompiler.compile(null))
                .isInstanceOf(SeccompException.class)
                .hasMessage("linux.seccomp: missing")
                .extracting(e -> ((SeccompException) e).field()).isEqualTo("linux.seccomp");
    }

    @Test
    void fieldAccessorCarriesThePath() {
        ArrayNode archs = Profiles.JSON.createArrayNode().add("SCMP_ARCH_FOO");
        ObjectNode profile = Profiles.JSON.createObjectNode().put("defaultAction", "SCMP_ACT_ALLOW");
        profile.set("architectures", archs);
        assertThatThrownBy(() -> SeccompProfileCompiler.compile(profile))
                .isInstanceOfSatisfying(SeccompException.class,
                        e -> assertThat(e.field()).isEqualTo("linux.seccomp.architectures[0]"));
    }
}
