package torii.apikeys.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import torii.apikeys.control.ApiKeySettings;
import torii.apikeys.control.KeyValues;
import torii.apikeys.entity.ApiKey;
import torii.apps.entity.Limits;
import torii.users.boundary.Users;
import torii.users.entity.User;

/**
 * A key's life against a clock the test sets, without a server: the stored key and its user are given as the
 * database would give them, since a black-box test cannot wait a day for a key to expire.
 */
class ApiKeyStatesTest {

    static final Instant MADE = Instant.parse("2026-11-30T12:00:00Z");

    final String value = KeyValues.newKey();
    final ApiKey stored = new ApiKey(KeyValues.hash(value), "johndoe", "script", List.of("translator"), MADE,
            MADE.plus(Duration.ofDays(1)), Limits.NONE);
    final List<Instant> touched = new ArrayList<>();
    final ApiKeyStates states = new ApiKeyStates();

    ApiKeyStatesTest() {
        states.keys = new ApiKeys() {
            @Override
            public Optional<ApiKey> byValue(String presented) {
                return KeyValues.hash(presented).equals(KeyValues.hash(value)) ? Optional.of(stored) : Optional.empty();
            }

            @Override
            public void touch(String id, Instant now) {
                touched.add(now);
            }
        };
        states.users = new Users() {
            @Override
            public Optional<User> find(String username) {
                return Optional.of(new User(username, null, null, "", Set.of("user")));
            }
        };
        states.settings = new ApiKeySettings() {
            @Override
            public int cacheSize() {
                return 10;
            }
        };
    }

    void at(Instant now) {
        states.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void aKeyWorksUntilItExpiresAndNotAfter() {
        at(MADE.plus(Duration.ofHours(23)));
        assertTrue(states.verify(value).isPresent());
        at(MADE.plus(Duration.ofDays(1)));
        assertTrue(states.verify(value).isEmpty(), "expired, though it is remembered");
        states.forgetKeysOf(null);
        assertTrue(states.verify(value).isEmpty(), "expired, read again");
    }

    @Test
    void itsLastUseIsWrittenAtMostOnceAMinute() {
        at(MADE.plusSeconds(60));
        states.verify(value);
        at(MADE.plusSeconds(90));
        states.verify(value);
        at(MADE.plusSeconds(121));
        states.verify(value);
        assertEquals(List.of(MADE.plusSeconds(60), MADE.plusSeconds(121)), touched);
    }

    @Test
    void aKeyStandsForItsUserWithTheScopeOfItsApplications() {
        at(MADE);
        var caller = states.verify(value).orElseThrow();
        assertEquals("johndoe", caller.getName());
        assertEquals("app:translator", caller.scope());
        assertEquals(Set.of("user"), caller.getGroups());
    }

    @Test
    void malformedAndUnknownKeysAreRefusedWithoutBeingRemembered() {
        at(MADE);
        assertTrue(states.verify("torii_short").isEmpty());
        assertTrue(states.verify(KeyValues.newKey()).isEmpty());
        assertTrue(states.verify(value).isPresent());
    }
}
