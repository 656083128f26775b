package torii.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import torii.tokens.control.RefreshRules.Verdict;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.entity.User;

class RefreshRulesTest {

    /** An idle lifetime of a day and sessions of 30 days, the defaults. */
    RefreshRules rules = new RefreshRules(1440, 30);
    User user = new User("johndoe", null, null, "hash", Set.of("user"));
    // A login comes after the password was set.
    Instant login = user.passwordChangedAt().plusSeconds(1);
    Session session = new Session("johndoe", user.stamp(), "chat", "", login, rules.sessionEnd(login));
    RefreshToken token = new RefreshToken("h1", session.id(), login);

    Verdict judgeAt(Instant now) {
        return rules.judge(token, session, "chat", user, now);
    }

    @Test
    void freshTokenOfTheSameClientIsValid() {
        assertEquals(Verdict.VALID, judgeAt(login.plusSeconds(60)));
    }

    @Test
    void unknownTokenIsRefused() {
        assertEquals(Verdict.UNKNOWN, rules.judge(null, null, "chat", user, login));
    }

    @Test
    void tokenOfAnotherClientIsRefused() {
        assertEquals(Verdict.OTHER_CLIENT, rules.judge(token, session, "docs", user, login.plusSeconds(60)));
    }

    @Test
    void usedTokenIsAReuse() throws Exception {
        var used = RefreshToken.class.getDeclaredField("used");
        used.setAccessible(true);
        used.set(token, login.plusSeconds(30));
        assertEquals(Verdict.REUSED, judgeAt(login.plusSeconds(60)));
    }

    @Test
    void tokenOfARevokedSessionIsRefused() {
        session.revoke(login.plusSeconds(30));
        assertEquals(Verdict.REVOKED, judgeAt(login.plusSeconds(60)));
    }

    @Test
    void tokenUnusedForItsIdleLifetimeHasExpired() {
        assertEquals(Verdict.VALID, judgeAt(login.plus(Duration.ofDays(1)).minusSeconds(1)));
        assertEquals(Verdict.IDLE_EXPIRED, judgeAt(login.plus(Duration.ofDays(1))));
    }

    @Test
    void sessionEndsAtItsAbsoluteLifetimeHoweverOftenRefreshed() {
        var lastRefresh = login.plus(Duration.ofDays(29)).plus(Duration.ofHours(12));
        token = new RefreshToken("h2", session.id(), lastRefresh);
        assertEquals(Verdict.VALID, judgeAt(login.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertEquals(Verdict.SESSION_EXPIRED, judgeAt(login.plus(Duration.ofDays(30))));
        assertEquals(login.plus(Duration.ofDays(30)), rules.expiry(token, session));
    }

    @Test
    void tokenOfADeletedUserIsRefused() {
        assertEquals(Verdict.USER_GONE, rules.judge(token, session, "chat", null, login.plusSeconds(60)));
    }

    @Test
    void tokenOfADisabledUserIsRefused() {
        user.disable();
        assertEquals(Verdict.USER_DISABLED, judgeAt(login.plusSeconds(60)));
    }

    @Test
    void passwordChosenAfterTheLoginEndsTheSession() {
        var changed = new User("johndoe", null, null, "hash", Set.of("user"));
        changed.changePassword("new-hash");
        var sessionBefore = new Session("johndoe", "stamp-before", "chat", "", changed.passwordChangedAt().minusSeconds(60),
                changed.passwordChangedAt().plus(Duration.ofDays(30)));
        var tokenBefore = new RefreshToken("h3", sessionBefore.id(), sessionBefore.loggedIn());
        assertEquals(Verdict.PASSWORD_CHANGED,
                rules.judge(tokenBefore, sessionBefore, "chat", changed, changed.passwordChangedAt().plusSeconds(1)));
    }

    @Test
    void disablingAndEnablingTheUserEndsTheSession() {
        user.disable().enable();
        assertEquals(Verdict.USER_CHANGED, judgeAt(login.plusSeconds(60)));
    }

    @Test
    void aUserMadeAgainUnderTheSameNameGetsNoOldSession() {
        var again = new User("johndoe", null, null, "hash", Set.of("user"));
        assertEquals(Verdict.USER_CHANGED, rules.judge(token, session, "chat", again, login.plusSeconds(60)));
    }

    @Test
    void rehashingThePasswordEndsNoSession() {
        var rehashed = new User("johndoe", null, null, "hash", Set.of("user"));
        var loggedIn = rehashed.passwordChangedAt().plusSeconds(1);
        rehashed.rehash("stronger-hash");
        var later = new Session("johndoe", rehashed.stamp(), "chat", "", loggedIn, loggedIn.plus(Duration.ofDays(30)));
        var tokenLater = new RefreshToken("h4", later.id(), loggedIn);
        assertEquals(Verdict.VALID, rules.judge(tokenLater, later, "chat", rehashed, loggedIn.plusSeconds(1)));
    }

    @Test
    void valuesAre256RandomBitsAndOnlyTheirHashIsKept() {
        var value = RefreshRules.newValue();
        assertEquals(43, value.length());
        assertNotEquals(value, RefreshRules.newValue());
        assertEquals(RefreshRules.hash(value), RefreshRules.hash(value));
        assertNotEquals(value, RefreshRules.hash(value));
    }

    @ParameterizedTest
    @CsvSource({"0, 30", "1440, 0"})
    void lifetimesBelowTheirMinimumAreRefused(long idleMinutes, long maxDays) {
        assertThrows(IllegalStateException.class, () -> new RefreshRules(idleMinutes, maxDays));
    }
}
