package dev.hull.runtime.init;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Encodes and decodes control-channel packets (little-endian, docs/plan-format.md). */
final class ControlCodec {

    static final int PLAN_BEGIN = 1;
    static final int PLAN_DATA = 2;
    static final int CONTINUE = 3;
    static final int PID = 16;
    static final int ERROR = 17;
    static final int SYNC = 18;
    static final int READY = 19;
    static final int EXIT = 20;

    /** hull-init accepts at most this many plan bytes per PLAN_DATA packet. */
    static final int MAX_CHUNK = 60000;

    private ControlCodec() {
    }

    static byte[] planBegin(int totalLength) {
        return le(8).putInt(PLAN_BEGIN).putInt(totalLength).array();
    }

    static byte[] planData(byte[] plan, int off, int len) {
        return le(4 + len).putInt(PLAN_DATA).put(plan, off, len).array();
    }

    static byte[] continueWith(String state) {
        byte[] s = state.getBytes(StandardCharsets.UTF_8);
        return le(8 + s.length).putInt(CONTINUE).putInt(s.length).put(s).array();
    }

    static InitMessage decode(byte[] packet, int length) {
        if (length == 0) {
            return new InitMessage.Closed();
        }
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        if (length < 4) {
            throw new IllegalStateException("hull-init sent a packet of " + length + " bytes");
        }
        int type = b.getInt();
        return switch (type) {
            case PID -> new InitMessage.Pid(b.getInt());
            case ERROR -> {
                int errno = b.getInt();
                int n = b.getInt();
                byte[] msg = new byte[Math.min(n, b.remaining())];
                b.get(msg);
                yield new InitMessage.Error(errno, new String(msg, StandardCharsets.UTF_8));
            }
            case SYNC -> new InitMessage.Sync(b.getInt());
            case READY -> new InitMessage.Ready();
            case EXIT -> new InitMessage.Exit(b.getInt());
            default -> throw new IllegalStateException("hull-init sent an unknown message type " + type);
        };
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
