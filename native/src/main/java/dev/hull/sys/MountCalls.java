package dev.hull.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** mount(2) and umount2(2). */
final class MountCalls {
    private MountCalls() {}

    private static final class Mount {
        static final MethodHandle H = Native.bindErrno("mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }

    private static final class Umount2 {
        static final MethodHandle H = Native.bindErrno("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    static void mount(String source, String target, String fstype, long flags, String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = Native.cString(arena, source);
            MemorySegment tgt = Native.cString(arena, target);
            MemorySegment type = Native.cString(arena, fstype);
            MemorySegment opts = Native.cString(arena, data);
            Native.check(arena,
                    () -> "mount(" + Native.quote(source) + ", " + Native.quote(target) + ", " + Native.quote(fstype)
                            + ", 0x" + Long.toHexString(flags) + ", " + Native.quote(data) + ")",
                    s -> (int) Mount.H.invokeExact(s, src, tgt, type, flags, opts));
        }
    }

    static void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tgt = Native.cString(arena, target);
            Native.check(arena, () -> "umount2(" + Native.quote(target) + ", " + flags + ")",
                    s -> (int) Umount2.H.invokeExact(s, tgt, flags));
        }
    }
}
