package dev.hull.engine.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerLookupTest extends StoreTest {

    @Test
    void findsByFullIdNameAndUniquePrefix() {
        ContainerRow a = createWithId(Ids.of("abc1", '0'), "alpha");
        createWithId(Ids.of("abd2", '0'), "beta");
        Containers c = store.containers();
        assertThat(c.lookup(a.id())).isEqualTo(a);
        assertThat(c.lookup("alpha")).isEqualTo(a);
        assertThat(c.lookup("/alpha")).isEqualTo(a);
        assertThat(c.lookup("abc")).isEqualTo(a);
        assertThat(c.lookup(a.shortId())).isEqualTo(a);
    }

    @Test
    void prefixOfSeveralIdsIsAmbiguous() {
        createWithId(Ids.of("abc1", '0'), "alpha");
        createWithId(Ids.of("abc2", '0'), "beta");
        assertThatThrownBy(() -> store.containers().lookup("abc"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("multiple IDs found with provided prefix: abc");
        assertThat(store.containers().lookup("abc2").name()).isEqualTo("beta");
    }

    @Test
    void nameWinsOverAnIdPrefix() {
        createWithId(Ids.of("beef", '0'), "first");
        ContainerRow named = createWithId(Ids.of("0123", '0'), "beef");
        assertThat(store.containers().lookup("beef")).isEqualTo(named);
    }

    @Test
    void fullIdWinsOverAName() {
        ContainerRow target = createWithId(Ids.of("cafe", '1'), "target");
        // docker allows a name that looks like an ID; the ID must still win
        createWithId(Ids.of("dead", '2'), target.id());
        assertThat(store.containers().lookup(target.id())).isEqualTo(target);
    }

    @Test
    void unknownNameOrPrefixIsNotFoundInDockersWords() {
        createWithId(Ids.of("abc", '0'), "alpha");
        assertThatThrownBy(() -> store.containers().lookup("abd"))
                .isInstanceOf(NotFoundException.class).hasMessage("No such container: abd");
        assertThatThrownBy(() -> store.containers().lookup("nope"))
                .isInstanceOf(NotFoundException.class).hasMessage("No such container: nope");
        assertThatThrownBy(() -> store.containers().lookup("ABC"))
                .isInstanceOf(NotFoundException.class).hasMessage("No such container: ABC");
    }

    @Test
    void emptyReferenceIsInvalid() {
        assertThatThrownBy(() -> store.containers().lookup(""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("No container name or ID supplied");
    }

    @Test
    void getWantsTheExactId() {
        ContainerRow a = createWithId(Ids.of("abc", '0'), "alpha");
        assertThat(store.containers().get(a.id())).contains(a);
        assertThat(store.containers().get("abc")).isEmpty();
    }
}
