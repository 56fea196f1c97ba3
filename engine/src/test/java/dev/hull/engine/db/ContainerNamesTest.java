package dev.hull.engine.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerNamesTest extends StoreTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "web-1", "a.b_c", "9lives", "X_", "/db"})
    void acceptsDockersNames(String name) {
        assertThat(ContainerNames.isValid(name)).isTrue();
        assertThat(ContainerNames.normalize(name)).isEqualTo(name.startsWith("/") ? name.substring(1) : name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "", "_ab", "-ab", ".ab", "a b", "a/b", "//ab", "ä1", "a:b"})
    void rejectsOtherNamesInDockersWords(String name) {
        assertThat(ContainerNames.isValid(name)).isFalse();
        assertThatThrownBy(() -> ContainerNames.normalize(name))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    @Test
    void createStoresTheNameWithoutItsSlash() {
        ContainerRow row = create("/web");
        assertThat(row.name()).isEqualTo("web");
        assertThat(store.containers().byName("/web")).contains(row);
        assertThat(store.containers().byName("web")).contains(row);
    }

    @Test
    void secondContainerWithTheSameNameIsAConflictInDockersWords() {
        ContainerRow first = create("web");
        assertThatThrownBy(() -> create("/web"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Conflict. The container name \"/web\" is already in use by container \"" + first.id()
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
        assertThat(store.containers().list(ContainerFilter.all())).hasSize(1);
    }

    @Test
    void invalidNameCreatesNothing() {
        assertThatThrownBy(() -> create("-x")).isInstanceOf(InvalidArgumentException.class);
        assertThat(store.containers().list(ContainerFilter.all())).isEmpty();
    }

    @Test
    void containerWithoutANameGetsAGeneratedValidOne() {
        ContainerRow row = create(null);
        assertThat(row.name()).matches("[a-z]+_[a-z]+[0-9]*");
        assertThat(ContainerNames.isValid(row.name())).isTrue();
    }

    @Test
    void generatedNamesAreAdjectiveUnderscoreSurname() {
        NameGenerator g = new NameGenerator(new Random(7));
        for (int i = 0; i < 200; i++) {
            String[] parts = g.pick().split("_");
            assertThat(NameGenerator.ADJECTIVES).contains(parts[0]);
            assertThat(NameGenerator.SURNAMES).contains(parts[1]);
        }
    }

    @Test
    void generatorAvoidsTakenNamesEvenWhenEveryPlainNameIsTaken() {
        Set<String> taken = new HashSet<>();
        for (String a : NameGenerator.ADJECTIVES) {
            for (String s : NameGenerator.SURNAMES) {
                taken.add(a + "_" + s);
            }
        }
        NameGenerator g = new NameGenerator(new Random(1));
        for (int i = 0; i < 50; i++) {
            String name = g.generate(taken::contains);
            assertThat(taken).doesNotContain(name);
            assertThat(name).matches("[a-z]+_[a-z]+[0-9]+");
            taken.add(name);
        }
    }

    @Test
    void generatedNamesDoNotCollideWithStoredOnes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            assertThat(seen.add(create(null).name())).isTrue();
        }
    }

    @Test
    void idsAreSixtyFourHexDigitsAndNeverAllDigitsInTheShortForm() {
        for (int i = 0; i < 100; i++) {
            String id = ContainerIds.random();
            assertThat(ContainerIds.isFull(id)).isTrue();
            assertThat(id.substring(0, 12)).doesNotMatch("[0-9]+");
        }
    }

    @Test
    void malformedIdIsRejected() {
        assertThatThrownBy(() -> createWithId("ABC", "x1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("invalid container ID 'ABC'");
    }
}
