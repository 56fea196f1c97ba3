package dev.hull.image.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * One build step of an image. Steps that made no layer ({@code ENV}, {@code CMD})
 * have {@code emptyLayer} set, which is how history lines up with rootfs.diff_ids.
 */
public record History(String created, String createdBy, String author, String comment, boolean emptyLayer,
                      UnknownFields unknown) {

    static final Set<String> KNOWN = Set.of("created", "created_by", "author", "comment", "empty_layer");

    public History {
        unknown = unknown == null ? UnknownFields.NONE : unknown;
    }

    public History(String created, String createdBy, boolean emptyLayer) {
        this(created, createdBy, null, null, emptyLayer, UnknownFields.NONE);
    }

    static History read(JsonIn j) {
        Boolean empty = j.bool("empty_layer");
        return new History(j.str("created"), j.str("created_by"), j.str("author"), j.str("comment"),
                empty != null && empty, j.unknown(KNOWN));
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (created != null) {
            o.put("created", created);
        }
        if (createdBy != null) {
            o.put("created_by", createdBy);
        }
        if (author != null) {
            o.put("author", author);
        }
        if (comment != null) {
            o.put("comment", comment);
        }
        if (emptyLayer) {
            o.put("empty_layer", true);
        }
        unknown.writeTo(o);
        return o;
    }
}
