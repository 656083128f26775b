package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** The FastAPI tutorial's hash of "secret", written by passlib. */
    static final String TUTORIAL_HASH = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";

    // The lowest cost bcrypt allows keeps these tests fast; the cost is a setting, not part of what is tested here.
    PasswordHasher hasher = new PasswordHasher(4);

    @ParameterizedTest
    @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
    void everyBcryptPrefixVerifies(String prefix) {
        var hash = prefix + TUTORIAL_HASH.substring(4);
        assertTrue(hasher.verify("secret", hash));
        assertFalse(hasher.verify("Secret", hash));
    }

    @Test
    void hashIsBcryptAtTheConfiguredCost() {
        var hash = hasher.hash("correct horse");
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsf", hash));
    }

    @Test
    void sameSecretHashesDifferently() {
        assertFalse(hasher.hash("secret").equals(hasher.hash("secret")));
    }

    @Test
    void missingHashNeverMatches() {
        assertFalse(hasher.verify("secret", null));
    }

    @Test
    void checkWithoutAHashCostsABcryptAtTheConfiguredCostThatNoPasswordPasses() {
        var dummy = new PasswordHasher(5).dummyHash();
        assertTrue(dummy.startsWith("$2a$05$"), dummy);
        assertTrue(PasswordHasher.asJBCrypt(dummy) != null, "a hash bcrypt reads: " + dummy);
        for (var password : new String[] {"", "secret", dummy, dummy.substring(29)}) {
            assertFalse(org.mindrot.jbcrypt.BCrypt.checkpw(password, dummy), password);
        }
        assertFalse(dummy.equals(new PasswordHasher(5).dummyHash()));
    }

    @Test
    void hashOfABuggyImplementationIsRefused() {
        assertNull(PasswordHasher.asJBCrypt("$2x$" + TUTORIAL_HASH.substring(4)));
        assertFalse(hasher.verify("secret", "$2x$" + TUTORIAL_HASH.substring(4)));
    }

    @Test
    void malformedHashNeverMatches() {
        assertFalse(hasher.verify("secret", "$2b$12$short"));
        assertFalse(hasher.verify("secret", "plain-text"));
        assertFalse(hasher.verify("secret", TUTORIAL_HASH + "x"));
        assertFalse(hasher.verify("secret", "$2b$99$" + TUTORIAL_HASH.substring(7)));
    }

    @Test
    void prefixIsRewrittenOnlyAtTheStart() {
        assertEquals("$2a$" + TUTORIAL_HASH.substring(4), PasswordHasher.asJBCrypt(TUTORIAL_HASH));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 32})
    void costOutsideBcryptRangeIsRefused(int cost) {
        assertThrows(IllegalStateException.class, () -> new PasswordHasher(cost));
    }

    @Test
    void argon2idHashFromPwdlibVerifies() {
        assertTrue(hasher.verify("secret", Argon2idHashTest.REFERENCE));
        assertFalse(hasher.verify("wrong", Argon2idHashTest.REFERENCE));
    }

    @Test
    void hashOfAnotherSchemeOrALowerCostNeedsARehash() {
        var atCost12 = new PasswordHasher(12);
        assertTrue(atCost12.needsRehash(Argon2idHashTest.REFERENCE));
        assertTrue(atCost12.needsRehash(hasher.hash("secret")));
        assertFalse(atCost12.needsRehash(TUTORIAL_HASH));
        assertFalse(hasher.needsRehash(TUTORIAL_HASH), "a higher cost than configured is kept");
    }
}
