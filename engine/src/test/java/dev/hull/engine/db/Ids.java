package dev.hull.engine.db;

/** Container IDs with chosen beginnings, for prefix tests. */
final class Ids {

    private Ids() {
    }

    /** {@code prefix} padded with {@code fill} to 64 digits. */
    static String of(String prefix, char fill) {
        return prefix + String.valueOf(fill).repeat(64 - prefix.length());
    }
}
