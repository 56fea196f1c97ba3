package dev.hull.runtime.plan;

/**
 * Which Linux security modules are enabled on the host, so that the compiler can
 * refuse a profile or label the kernel would not apply.
 */
public record HostLsm(boolean apparmor, boolean selinux) {

    public static final HostLsm NONE = new HostLsm(false, false);
}
