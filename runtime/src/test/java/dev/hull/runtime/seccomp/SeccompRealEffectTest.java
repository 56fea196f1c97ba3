package dev.hull.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the compiled bytes are a program the kernel accepts and enforces: a child JVM loads it
 * with seccomp(SECCOMP_SET_MODE_FILTER) as hull-init will ({@link SeccompLoadChild}). No root
 * needed (no_new_privs is set first).
 */
class SeccompRealEffectTest {

    @BeforeAll
    static void seccompAvailable() throws Exception {
        assumeTrue(LibSeccomp.isAvailable(), "libseccomp.so.2 is not installed");
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("Seccomp:"), "kernel without seccomp");
    }

    @Test
    void mkdirGetsEpermForEveryThreadWithTsync(@TempDir Path dir) throws Exception {
        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.parse("""
                {
                  "defaultAction": "SCMP_ACT_ALLOW",
                  "flags": ["SECCOMP_FILTER_FLAG_TSYNC"],
                  "syscalls": [
                    {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"},
                    {"names": ["prctl"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
                     "args": [{"index": 0, "value": 3, "op": "SCMP_CMP_EQ"}]}
                  ]
                }"""));
        assertThat(c.flags()).isEqualTo(SeccompProfileCompiler.SECCOMP_FILTER_FLAG_TSYNC);
        Path filter = dir.resolve("filter.bpf");
        Files.write(filter, c.filter());

        ChildJvm.Output out = ChildJvm.run(SeccompLoadChild.class, "tsync", filter.toString(),
                Integer.toString(c.flags()), dir.toString());

        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(out.get("before")).as(out.toString()).isEqualTo("ok");
        assertThat(out.get("load")).as(out.toString()).isEqualTo("0");
        assertThat(out.get("after")).as(out.toString())
                .isEqualTo("FileSystemException: " + dir.resolve("after") + ": Operation not permitted");
        // a thread that existed before the filter was loaded (TSYNC)
        assertThat(out.get("thread")).as(out.toString())
                .isEqualTo("FileSystemException: " + dir.resolve("thread") + ": Operation not permitted");
        // argument comparison: prctl(PR_GET_DUMPABLE) gets EACCES, prctl(PR_GET_NO_NEW_PRIVS) runs
        assertThat(out.get("dumpable")).as(out.toString()).isEqualTo("-1/13");
        assertThat(out.get("nnp")).as(out.toString()).isEqualTo("1");
        // everything else is allowed
        assertThat(out.get("rmdir")).as(out.toString()).isEqualTo("ok");
        assertThat(dir.resolve("before")).doesNotExist();
        assertThat(dir.resolve("after")).doesNotExist();
        assertThat(dir.resolve("thread")).doesNotExist();
    }

    @Test
    void dockerSizedDefaultDenyProgramWithEnosysPrologueIsAcceptedAndEnforced(@TempDir Path dir) throws Exception {
        CompiledSeccomp c = SeccompProfileCompiler.compile(Profiles.dockerSized());
        Path filter = dir.resolve("filter.bpf");
        Files.write(filter, c.filter());

        // loaded on one thread only (no TSYNC), which then makes raw syscalls
        ChildJvm.Output out = ChildJvm.run(SeccompLoadChild.class, "thread", filter.toString(),
                Integer.toString(c.flags()), dir.toString());

        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(out.get("load")).as(out.toString()).isEqualTo("0");
        assertThat(out.get("getpid")).as(out.toString()).isEqualTo("ok");
        assertThat(out.get("reboot")).as(out.toString()).isEqualTo("-1/1"); // default action: EPERM
        assertThat(out.get("clone3")).as(out.toString()).isEqualTo("-1/38"); // rule: errnoRet ENOSYS
        assertThat(out.get("nr1000")).as(out.toString()).isEqualTo("-1/38"); // -ENOSYS prologue
        assertThat(out.get("mkdirat")).as(out.toString()).isEqualTo("0");
        assertThat(out.get("main_mkdir")).as(out.toString()).isEqualTo("ok");
        assertThat(dir.resolve("from-thread")).isDirectory();
    }
}
