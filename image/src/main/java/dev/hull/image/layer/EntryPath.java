package dev.hull.image.layer;

import java.util.ArrayList;
import java.util.List;

/**
 * A tar entry name cut into the directory names it is made of, below the layer's root.
 *
 * <p>A leading {@code /} is dropped: layers made by some tools name files {@code /etc/x},
 * and every runtime treats that as {@code etc/x} inside the root, so hull does too rather
 * than reject such layers. Empty and {@code .} components are dropped. A {@code ..}
 * component is refused anywhere, even where it would stay inside the root (as in
 * {@code a/../b}), because no honest layer needs one and refusing is simpler to trust than
 * resolving.
 */
record EntryPath(List<String> components) {

    EntryPath {
        components = List.copyOf(components);
    }

    static EntryPath parse(String entryName) throws LayerUnpackException {
        List<String> parts = new ArrayList<>();
        for (String part : entryName.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new LayerUnpackException(entryName, "\"..\" is not allowed in a layer path");
            }
            if (part.indexOf('\0') >= 0) {
                throw new LayerUnpackException(entryName, "NUL character in a layer path");
            }
            parts.add(part);
        }
        return new EntryPath(parts);
    }

    /** The layer root itself ({@code ./} or {@code /}). */
    boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component; empty for the root. */
    String name() {
        return isRoot() ? "" : components.getLast();
    }

    /** The directories leading to the entry. */
    List<String> parent() {
        return isRoot() ? List.of() : components.subList(0, components.size() - 1);
    }

    @Override
    public String toString() {
        return String.join("/", components);
    }
}
