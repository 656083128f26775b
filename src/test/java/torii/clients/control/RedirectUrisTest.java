package torii.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import torii.platform.control.Refusal;

class RedirectUrisTest {

    static final Set<String> OWN = Set.of("http://127.0.0.1:8080", "https://torii.example");

    @ParameterizedTest
    @ValueSource(strings = {"https://rp.example/callback", "https://rp.example/cb?tenant=a", "http://127.0.0.1:9000/cb",
            "http://localhost/cb", "http://[::1]:5000/cb", "com.example.app:/callback", "/", "/admin"})
    void registrable(String uri) {
        assertNull(RedirectUris.problem(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://rp.example/cb", "https://rp.example/cb#fragment", "relative/path", "//rp.example/cb",
            "/admin?x=1", "javascript:alert(1)", "https://rp.example/a b", "myapp:/cb", "https:///nohost", ""})
    void refused(String uri) {
        assertNotNull(RedirectUris.problem(uri), uri);
    }

    @Test
    void atMostTenOfAtMost512Characters() {
        assertThrows(Refusal.class, () -> RedirectUris.checked(Collections.nCopies(11, "https://a.example/")
                .stream().map(uri -> uri + Math.random()).toList(), "redirect_uris"));
        assertNotNull(RedirectUris.problem("https://rp.example/" + "a".repeat(500)));
        assertEquals(List.of("https://a.example/"),
                RedirectUris.checked(List.of("https://a.example/", "https://a.example/"), "redirect_uris"));
    }

    @Test
    void matchedAsExactStringsOnly() {
        var registered = List.of("https://rp.example/callback");
        assertTrue(RedirectUris.matches(registered, "https://rp.example/callback", OWN));
        for (var other : List.of("https://rp.example/callback/", "https://rp.example/callback?x=1",
                "https://RP.example/callback", "https://rp.example/callback/../evil", "https://rp.example/call",
                "https://rp.example:443/callback", "https://rp.example/callback#x")) {
            assertFalse(RedirectUris.matches(registered, other, OWN), other);
        }
        assertFalse(RedirectUris.matches(registered, null, OWN));
    }

    @Test
    void aPageOfThisServiceMatchesOnItsOwnOriginsOnly() {
        var registered = List.of("/", "/admin");
        assertTrue(RedirectUris.matches(registered, "http://127.0.0.1:8080/", OWN));
        assertTrue(RedirectUris.matches(registered, "https://torii.example/admin", OWN));
        assertFalse(RedirectUris.matches(registered, "https://attacker.example/admin", OWN));
        assertFalse(RedirectUris.matches(registered, "http://127.0.0.1:8080/admin/", OWN));
        assertFalse(RedirectUris.matches(registered, "/admin", OWN));
    }

    /** Whatever a client asks for, it matches only a registered string, or a page of this service on its origin. */
    @Test
    void nothingButTheRegisteredMatches() {
        var registered = List.of("https://rp.example/callback", "http://127.0.0.1:9/cb?tenant=a", "/admin");
        var prefixes = List.of("https://rp.example/callback", "http://127.0.0.1:9/cb", "https://torii.example/admin",
                "http://127.0.0.1:8080/", "https://rp.example", "");
        qt().withFixedSeed(20261201L).withExamples(5000)
                .forAll(integers().between(0, prefixes.size() - 1), strings().betweenCodePoints(0x20, 0x7E)
                        .ofLengthBetween(0, 12))
                .checkAssert((prefix, tail) -> {
                    var requested = prefixes.get(prefix) + tail;
                    var expected = registered.contains(requested) || requested.equals("https://torii.example/admin")
                            || requested.equals("http://127.0.0.1:8080/admin");
                    assertEquals(expected, RedirectUris.matches(registered, requested, OWN), requested);
                });
    }
}
