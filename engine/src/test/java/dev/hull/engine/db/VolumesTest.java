package dev.hull.engine.db;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumesTest extends StoreTest {

    private VolumeRow volume(String name, String driver, Map<String, String> labels) {
        return new VolumeRow(name, driver, "/var/lib/hull/volumes/" + name + "/_data", labels, Map.of("o", "x"),
                clock.instant());
    }

    @Test
    void createStoresEveryField() {
        VolumeRow v = volume("data", "local", Map.of("app", "web"));
        assertThat(store.volumes().create(v)).isEqualTo(v);
        assertThat(store.volumes().require("data")).isEqualTo(v);
    }

    @Test
    void createOfAnExistingVolumeReturnsItUnlessTheDriverDiffers() {
        VolumeRow first = store.volumes().create(volume("data", "local", Map.of("a", "1")));
        assertThat(store.volumes().create(volume("data", "local", Map.of("b", "2")))).isEqualTo(first);
        assertThatThrownBy(() -> store.volumes().create(volume("data", "nfs", Map.of())))
                .isInstanceOf(ConflictException.class)
                .hasMessage("volume data already exists with driver local, not nfs");
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> store.volumes().create(volume("/data", "local", Map.of())))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> store.volumes().create(volume("x", "local", Map.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("includes invalid characters for a local volume name");
    }

    @Test
    void missingVolumeIsNotFoundAndDeleteSaysWhetherItRemovedOne() {
        assertThatThrownBy(() -> store.volumes().require("gone"))
                .isInstanceOf(NotFoundException.class).hasMessage("No such volume: gone");
        store.volumes().create(volume("data", "local", Map.of()));
        assertThat(store.volumes().delete("data")).isTrue();
        assertThat(store.volumes().delete("data")).isFalse();
    }

    @Test
    void listFiltersByNameFragmentDriverAndLabels() {
        store.volumes().create(volume("web-data", "local", Map.of("app", "web", "tier", "front")));
        store.volumes().create(volume("db-data", "local", Map.of("app", "db")));
        store.volumes().create(volume("cache", "tmpfs", Map.of()));
        assertThat(list(Map.of())).containsExactly("cache", "db-data", "web-data");
        assertThat(list(Map.of("name", List.of("data")))).containsExactly("db-data", "web-data");
        assertThat(list(Map.of("driver", List.of("tmpfs")))).containsExactly("cache");
        assertThat(list(Map.of("label", List.of("app")))).containsExactly("db-data", "web-data");
        assertThat(list(Map.of("label", List.of("app=web", "tier=front")))).containsExactly("web-data");
        assertThat(list(Map.of("label", List.of("app=web", "tier=back")))).isEmpty();
        assertThatThrownBy(() -> VolumeFilter.parse(Map.of("dangling", List.of("true"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("invalid filter 'dangling'");
    }

    private List<String> list(Map<String, List<String>> filters) {
        return store.volumes().list(VolumeFilter.parse(filters)).stream().map(VolumeRow::name).toList();
    }
}
