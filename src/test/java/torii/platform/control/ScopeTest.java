package torii.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void spaceSeparatedTokensAreASet() {
        assertEquals(Set.of("me", "items", "app:translator"), Scope.parse("me items  app:translator me").values());
    }

    @Test
    void blankIsEmpty() {
        assertTrue(Scope.parse("  ").isEmpty());
        assertTrue(Scope.parse(null).isEmpty());
    }

    @Test
    void quotesBackslashesAndNonAsciiAreMalformed() {
        assertNull(Scope.parse("me \"items\""));
        assertNull(Scope.parse("me\\items"));
        assertNull(Scope.parse("アプリ"));
        assertNull(Scope.parse("me\titems"));
    }

    @Test
    void grantedScopeIsTheRequestWithinTheAllowed() {
        var allowed = new Scope(Set.of("me", "items", "app:translator"));
        assertEquals(Set.of("me", "app:translator"),
                Scope.parse("me app:translator app:summarizer admin").within(allowed).values());
        assertTrue(Scope.parse("admin").within(allowed).isEmpty());
    }

    @Test
    void writtenSorted() {
        assertEquals("app:x items me", Scope.parse("me items app:x").toString());
    }
}
