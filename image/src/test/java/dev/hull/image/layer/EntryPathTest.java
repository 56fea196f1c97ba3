package dev.hull.image.layer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryPathTest {
    @Test
    void dropsDotAndEmptyComponents() throws Exception {
        assertThat(EntryPath.parse("./usr//lib/./x/").components()).containsExactly("usr", "lib", "x");
    }

    @Test
    void absolutePathsAreRelativeToTheRoot() throws Exception {
        assertThat(EntryPath.parse("/etc/passwd").components()).containsExactly("etc", "passwd");
    }

    @Test
    void rootEntries() throws Exception {
        assertThat(EntryPath.parse("./").isRoot()).isTrue();
        assertThat(EntryPath.parse("/").isRoot()).isTrue();
    }

    @Test
    void refusesDotDotAnywhere() {
        for (String bad : new String[]{"../x", "a/../../x", "a/..", "a/../b"}) {
            assertThatThrownBy(() -> EntryPath.parse(bad))
                    .isInstanceOf(LayerUnpackException.class)
                    .hasMessage("layer entry \"" + bad + "\": \"..\" is not allowed in a layer path");
        }
    }

    @Test
    void dotsInsideNamesAreFine() throws Exception {
        assertThat(EntryPath.parse("a/..b/c..").components()).containsExactly("a", "..b", "c..");
    }
}
