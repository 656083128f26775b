package torii.apps.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Grantee;
import torii.apps.entity.Limits;

class UsableAppsTest {

    final UsableApps usableApps = new UsableApps(100);
    final Access translator = new Access(new App("translator", "Translator", null, Backend.ECHO, null, null),
            Limits.NONE);
    final AtomicInteger queries = new AtomicInteger();

    Supplier<Optional<Access>> query(Optional<Access> answer) {
        return () -> {
            queries.incrementAndGet();
            return answer;
        };
    }

    static UsableApps.Key key(Grantee kind, String name, Set<String> groups) {
        return new UsableApps.Key(kind, name, groups, "translator");
    }

    Optional<Access> ask(Supplier<Optional<Access>> query) {
        return usableApps.of(key(Grantee.USER, "johndoe", Set.of("user")), query);
    }

    @Test
    void aUsableApplicationIsReadOnce() {
        ask(query(Optional.of(translator)));
        var again = ask(query(Optional.of(translator)));

        assertEquals(Optional.of(translator), again);
        assertEquals(1, queries.get());
    }

    @Test
    void aRefusalIsReadEachTime() {
        ask(query(Optional.empty()));
        var again = ask(query(Optional.empty()));

        assertTrue(again.isEmpty());
        assertEquals(2, queries.get());
    }

    @Test
    void anotherUserGroupOrKindIsAnotherQuestion() {
        ask(query(Optional.of(translator)));
        usableApps.of(key(Grantee.USER, "alice", Set.of("user")), query(Optional.empty()));
        usableApps.of(key(Grantee.USER, "johndoe", Set.of("user", "admin")), query(Optional.empty()));
        // A client named as a user is not that user.
        usableApps.of(key(Grantee.CLIENT, "johndoe", Set.of()), query(Optional.empty()));

        assertEquals(4, queries.get());
    }

    @Test
    void aChangeForgetsWhatWasFound() {
        ask(query(Optional.of(translator)));
        usableApps.forgetAll();
        var after = ask(query(Optional.empty()));

        assertTrue(after.isEmpty());
        assertEquals(2, queries.get());
    }

    @Test
    void aChangeDuringTheQueryIsNotOutlivedByItsAnswer() {
        ask(() -> {
            usableApps.forgetAll();
            return Optional.of(translator);
        });
        var after = ask(query(Optional.empty()));

        assertTrue(after.isEmpty());
    }

    @Test
    void aCacheOfSizeZeroAsksEachTime() {
        var uncached = new UsableApps(0);
        var johndoe = key(Grantee.USER, "johndoe", Set.of("user"));
        uncached.of(johndoe, query(Optional.of(translator)));
        var again = uncached.of(johndoe, query(Optional.of(translator)));

        assertEquals(Optional.of(translator), again);
        assertEquals(2, queries.get());
    }

    @Test
    void pastItsSizeTheCacheRemembersNoMoreAndStillAnswers() {
        var small = new UsableApps(2);
        for (var name : List.of("a", "b", "c")) {
            small.of(key(Grantee.USER, name, Set.of()), query(Optional.of(translator)));
        }
        var third = small.of(key(Grantee.USER, "c", Set.of()), query(Optional.of(translator)));
        small.of(key(Grantee.USER, "a", Set.of()), query(Optional.of(translator)));

        assertEquals(Optional.of(translator), third);
        // a, b and c asked once each, c once more: only a and b were remembered.
        assertEquals(4, queries.get());
    }

    @Test
    void aNegativeSizeStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> new UsableApps(-1));
    }
}
