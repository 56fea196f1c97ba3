package dev.hull.runtime.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes a {@link Plan} into the binary form hull-init decodes (docs/plan-format.md). */
public final class PlanEncoder {

    public static final int VERSION = 1;
    public static final int MAX_STRING = 1 << 20;

    private PlanEncoder() {
    }

    public static byte[] encode(Plan plan) {
        Buf out = new Buf();
        out.bytes("HULLPLAN".getBytes(StandardCharsets.US_ASCII));
        out.u32(VERSION);
        out.u32(plan.steps().size());
        for (Step step : plan.steps()) {
            Buf p = new Buf();
            p.str(step.description());
            fields(step, p);
            out.u16(step.op());
            out.u16(0);
            out.u32(p.size());
            out.bytes(p.toByteArray());
        }
        return out.toByteArray();
    }

    private static void fields(Step step, Buf p) {
        switch (step) {
            case Step.PreserveFds s -> p.u32(s.count());
            case Step.JoinCgroup s -> p.str(s.procsFile());
            case Step.ConsoleConnect s -> p.str(s.socketPath());
            case Step.OomScoreAdj s -> p.u32(s.value());
            case Step.SetNs s -> { p.str(s.path()); p.u32(s.nsType()); }
            case Step.Clone s -> { p.u32(s.cloneFlags()); p.u32(s.options()); p.str(s.uidMap()); p.str(s.gidMap()); }
            case Step.Mount s -> {
                p.u32(s.options()); p.str(s.source()); p.str(s.target()); p.str(s.fsType()); p.u64(s.flags());
                p.str(s.data());
            }
            case Step.SetRoot s -> p.str(s.path());
            case Step.Mknod s -> {
                p.str(s.path()); p.u32(s.mode()); p.u32(s.major()); p.u32(s.minor()); p.u32(s.uid()); p.u32(s.gid());
            }
            case Step.Symlink s -> { p.str(s.target()); p.str(s.linkPath()); }
            case Step.MaskPath s -> p.str(s.path());
            case Step.ReadonlyPath s -> p.str(s.path());
            case Step.PivotRoot s -> { p.str(s.newRoot()); p.u32(s.options()); }
            case Step.RemountReadonly s -> p.str(s.path());
            case Step.SetHostname s -> p.str(s.name());
            case Step.SetDomainname s -> p.str(s.name());
            case Step.Sysctl s -> { p.str(s.key()); p.str(s.value()); }
            case Step.Rlimit s -> { p.u32(s.resource()); p.u64(s.soft()); p.u64(s.hard()); }
            case Step.Chdir s -> p.str(s.path());
            case Step.Umask s -> p.u32(s.mask());
            case Step.NoNewPrivs s -> { }
            case Step.Credentials s -> {
                p.u32(s.uid()); p.u32(s.gid());
                p.u32(s.additionalGids().size());
                s.additionalGids().forEach(p::u32);
                p.u64(s.bounding()); p.u64(s.effective()); p.u64(s.permitted()); p.u64(s.inheritable());
                p.u64(s.ambient()); p.u32(s.options());
            }
            case Step.Sync s -> p.u32(s.point());
            case Step.Hook s -> { p.str(s.path()); p.strs(s.args()); p.strs(s.env()); p.u32(s.timeoutSeconds()); }
            case Step.Console s -> { p.u32(s.rows()); p.u32(s.cols()); }
            case Step.SetSid s -> { }
            case Step.OpenStartFifo s -> p.str(s.path());
            case Step.Ready s -> { }
            case Step.AwaitStart s -> { }
            case Step.ResolveExec s -> { p.str(s.file()); p.str(s.pathEnv()); }
            case Step.Exec s -> { p.strs(s.argv()); p.strs(s.env()); }
            case Step.Seccomp s -> { p.u32(s.flags()); p.blob(s.filter()); }
            case Step.WriteAttr s -> { p.str(s.path()); p.str(s.value()); }
            case Step.Mkdir s -> p.str(s.path());
            case Step.TimeNs s -> {
                p.u64(s.monotonicSec()); p.u32(s.monotonicNsec()); p.u64(s.boottimeSec()); p.u32(s.boottimeNsec());
            }
        }
    }

    /** Little-endian writer. */
    static final class Buf extends ByteArrayOutputStream {
        void u16(int v) {
            write(v & 0xff);
            write((v >>> 8) & 0xff);
        }

        void u32(int v) {
            for (int i = 0; i < 4; i++) {
                write((v >>> (8 * i)) & 0xff);
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) ((v >>> (8 * i)) & 0xff));
            }
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void str(String s) {
            byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            for (byte x : b) {
                if (x == 0) {
                    throw new IllegalArgumentException("string contains a NUL byte: " + s.replace('\0', '?'));
                }
            }
            blob(b);
        }

        void blob(byte[] b) {
            if (b.length > MAX_STRING) {
                throw new IllegalArgumentException("field longer than " + MAX_STRING + " bytes");
            }
            u32(b.length);
            bytes(b);
        }

        void strs(List<String> list) {
            u32(list.size());
            list.forEach(this::str);
        }
    }
}
