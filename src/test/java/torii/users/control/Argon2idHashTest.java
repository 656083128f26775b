package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Argon2idHashTest {

    /** "secret", hashed by the Argon2 reference implementation (libargon2) that argon2-cffi and pwdlib wrap. */
    static final String REFERENCE = "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$"
            + "3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY";
    /** "pässwörd" in NFC, by the same implementation. */
    static final String REFERENCE_NON_ASCII = "$argon2id$v=19$m=512,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
            + "7DeCUggMU+dyuhi7khQy4fKsp13iVMHhWSJQ0hhKcNU";

    @Test
    void phcStringIsReadIntoItsParts() {
        var hash = Argon2idHash.parse(REFERENCE).orElseThrow();
        assertEquals(1024, hash.memoryKiB());
        assertEquals(3, hash.iterations());
        assertEquals(2, hash.parallelism());
        assertArrayEquals("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), hash.salt());
        assertEquals(32, hash.hash().length);
        assertEquals(REFERENCE, hash.text());
    }

    @Test
    void referenceHashesVerify() {
        var hash = Argon2idHash.parse(REFERENCE).orElseThrow();
        assertTrue(hash.matches("secret"));
        assertFalse(hash.matches("Secret"));
        assertTrue(Argon2idHash.parse(REFERENCE_NON_ASCII).orElseThrow().matches("pässwörd"));
    }

    @Test
    void hashMadeHereVerifies() {
        var made = Argon2idHash.of("correct horse", 64, 1, 1, "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII));
        var read = Argon2idHash.parse(made.text()).orElseThrow();
        assertTrue(read.matches("correct horse"));
        assertFalse(read.matches("correct horsf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2i$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=16$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=9999999,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=1024,t=0,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=1024,t=3,p=0$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=8,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg==$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY",
            "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$short",
            "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$3WF23tUFG2m2/RhUzbe+dou6Dox79HI/2kMbDQ3RLSY$",
            "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"})
    void otherTextIsNotAnArgon2idHash(String text) {
        assertTrue(Argon2idHash.parse(text).isEmpty(), text);
    }
}
