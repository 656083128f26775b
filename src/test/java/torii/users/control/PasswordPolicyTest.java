package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.platform.control.Refusal;

class PasswordPolicyTest {

    PasswordPolicy policy = new PasswordPolicy(8);

    static String refusal(PasswordPolicy policy, String password) {
        var refused = assertThrows(Refusal.class, () -> policy.acceptNew(password, "new_password"));
        assertEquals(400, refused.kind().status());
        return refused.getMessage();
    }

    @Test
    void composedAndDecomposedFormsAreTheSamePassword() {
        var decomposed = "cafe\u0301-creme";
        var composed = "caf\u00e9-creme";
        assertEquals(composed, PasswordPolicy.normalize(decomposed));
        assertEquals(composed, policy.acceptNew(decomposed, "new_password"));
    }

    @Test
    void shortPasswordIsRefusedNamingTheField() {
        assertEquals("new_password must be at least 8 characters long", refusal(policy, "1234567"));
    }

    @Test
    void lengthIsCountedInCharactersNotBytes() {
        assertEquals("éééééééé", policy.acceptNew("éééééééé", "new_password"));
    }

    @Test
    void passwordOfExactly72BytesIsAccepted() {
        var password = "é".repeat(36);
        assertEquals(password, policy.acceptNew(password, "new_password"));
        assertTrue(PasswordPolicy.checkable(password));
    }

    @Test
    void passwordOverSeventyTwoBytesIsRefusedNotCut() {
        var password = "a" + "é".repeat(36);
        assertEquals("new_password must be at most 72 bytes long in UTF-8", refusal(policy, password));
        assertFalse(PasswordPolicy.checkable(password));
    }

    @Test
    void missingPasswordIsRefused() {
        assertEquals("new_password is required", refusal(policy, null));
        assertEquals("new_password is required", refusal(policy, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 73})
    void minimumLengthOutsideWhatBcryptCanHoldIsRefused(int minLength) {
        assertThrows(IllegalStateException.class, () -> new PasswordPolicy(minLength));
    }
}
