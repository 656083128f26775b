package torii.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DenyListTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    DenyList denied = new DenyList();

    @Test
    void entryIsForgottenOnlyOnceWhatItDeniesHasExpired() {
        denied.add("jti-1", NOW.plus(Duration.ofMinutes(31)));
        denied.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        denied.dropExpired();
        assertTrue(denied.contains("jti-1"));
        denied.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(32)), ZoneOffset.UTC);
        denied.dropExpired();
        assertFalse(denied.contains("jti-1"));
    }

    @Test
    void laterEndOfTheSameEntryWins() {
        denied.add("sid-1", NOW.plus(Duration.ofMinutes(40)));
        denied.add("sid-1", NOW.plus(Duration.ofMinutes(10)));
        denied.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        denied.dropExpired();
        assertTrue(denied.contains("sid-1"));
    }

    @Test
    void missingIdIsNeverDenied() {
        assertFalse(denied.contains(null));
    }
}
