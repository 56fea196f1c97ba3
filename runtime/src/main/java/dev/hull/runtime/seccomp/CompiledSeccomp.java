package dev.hull.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A seccomp program ready for {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}: the flags
 * ({@code SECCOMP_FILTER_FLAG_*}) and the filter, an array of {@code struct sock_filter} (8 bytes
 * each: u16 code, u8 jt, u8 jf, u32 k, in host byte order), as the plan's SECCOMP step carries it.
 */
public record CompiledSeccomp(int flags, byte[] filter) {

    public static final int SOCK_FILTER_SIZE = 8;

    public CompiledSeccomp {
        if (filter == null || filter.length == 0 || filter.length % SOCK_FILTER_SIZE != 0) {
            throw new IllegalArgumentException("seccomp filter must be a non-empty array of 8-byte instructions, got "
                    + (filter == null ? "null" : filter.length + " bytes"));
        }
        if (filter.length / SOCK_FILTER_SIZE > 0xffff) {
            throw new IllegalArgumentException("seccomp filter has " + filter.length / SOCK_FILTER_SIZE
                    + " instructions; struct sock_fprog holds at most 65535");
        }
        filter = filter.clone();
    }

    /** A copy of the program bytes. */
    @Override
    public byte[] filter() {
        return filter.clone();
    }

    /** Number of BPF instructions. */
    public int instructions() {
        return filter.length / SOCK_FILTER_SIZE;
    }

    /** The program as a read-only buffer in host byte order. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(filter).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledSeccomp c && c.flags == flags && Arrays.equals(c.filter, filter);
    }

    @Override
    public int hashCode() {
        return 31 * flags + Arrays.hashCode(filter);
    }

    @Override
    public String toString() {
        return "CompiledSeccomp[flags=0x" + Integer.toHexString(flags) + ", instructions=" + instructions() + "]";
    }
}
