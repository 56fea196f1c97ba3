package dev.hull.runtime.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The runtime-spec state document, as hooks read it and as {@code state} prints it. */
public final class StateJson {

    public static final String OCI_VERSION = "1.2.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateJson() {
    }

    /** The state as the runtime-spec defines it (what hooks get on stdin). */
    public static ObjectNode spec(ContainerRecord r, Status status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ociVersion", OCI_VERSION);
        n.put("id", r.id());
        n.put("status", status.word());
        if (r.pid() > 0 && status != Status.STOPPED) {
            n.put("pid", r.pid());
        }
        n.put("bundle", r.bundle());
        ObjectNode a = n.putObject("annotations");
        r.annotations().forEach(a::put);
        return n;
    }

    /** runc's {@code state} output: the spec state plus rootfs, created and owner. */
    public static String full(ContainerRecord r, Status status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ociVersion", OCI_VERSION);
        n.put("id", r.id());
        n.put("pid", status == Status.STOPPED ? 0 : r.pid());
        n.put("status", status.word());
        n.put("bundle", r.bundle());
        n.put("rootfs", r.rootfs());
        n.put("created", r.created());
        n.put("owner", r.owner() == null ? "" : r.owner());
        if (!r.annotations().isEmpty()) {
            ObjectNode a = n.putObject("annotations");
            r.annotations().forEach(a::put);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String compact(ObjectNode n) {
        return n.toString();
    }
}
