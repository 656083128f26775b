package torii.signin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import torii.tokens.control.CodeRules;

class AuthorizationRequestTest {

    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    static MultivaluedMap<String, String> params(Map<String, String> values) {
        var params = new MultivaluedHashMap<String, String>();
        values.forEach(params::add);
        return params;
    }

    static MultivaluedMap<String, String> good() {
        return params(Map.of("response_type", "code", "client_id", "chat", "redirect_uri", "https://rp.example/cb",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "state", "xyz", "scope", "openid me"));
    }

    static AuthorizationRequest parse(MultivaluedMap<String, String> params) {
        return AuthorizationRequest.of(AuthorizationRequest.target(params), params);
    }

    @Test
    void aGoodRequestIsRead() {
        var request = parse(good());
        assertEquals("chat", request.clientId());
        assertEquals("xyz", request.state());
        assertTrue(request.scope().values().contains("openid"));
        assertFalse(request.promptsNone());
    }

    @Test
    void withoutClientOrRedirectUriNothingIsRedirected() {
        var noClient = good();
        noClient.remove("client_id");
        assertFalse(assertThrows(AuthorizationError.class, () -> parse(noClient)).redirectable());
        var twoRedirects = good();
        twoRedirects.add("redirect_uri", "https://attacker.example/cb");
        assertFalse(assertThrows(AuthorizationError.class, () -> parse(twoRedirects)).redirectable());
    }

    @Test
    void plainOrMissingChallengeMethodIsRefused() {
        var plain = good();
        plain.putSingle("code_challenge_method", "plain");
        assertEquals("invalid_request", assertThrows(AuthorizationError.class, () -> parse(plain)).error());
        var none = good();
        none.remove("code_challenge_method");
        assertEquals("invalid_request", assertThrows(AuthorizationError.class, () -> parse(none)).error());
    }

    @Test
    void promptNoneStandsAlone() {
        var both = good();
        both.putSingle("prompt", "none login");
        assertThrows(AuthorizationError.class, () -> parse(both));
        var login = good();
        login.putSingle("prompt", "login");
        assertTrue(parse(login).promptsLogin());
    }

    /**
     * Whatever parameters arrive, repeated or not, the request is either read with every rule holding, or refused
     * with an OAuth error, redirectable only when the client and redirect URI were each named once.
     */
    @Test
    void anyParametersAreReadWithTheRulesOrRefusedAsOAuthSays() {
        var names = List.of("response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method",
                "state", "scope", "nonce", "prompt", "max_age", "response_mode", "request", "login_hint", "other");
        var goodValues = Map.of("response_type", "code", "client_id", "chat", "redirect_uri", "https://rp.example/cb",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "prompt", "login", "max_age", "60");
        qt().withFixedSeed(20261201L).withExamples(3000)
                .forAll(lists().of(integers().between(0, names.size() - 1)).ofSizeBetween(0, 20),
                        lists().of(strings().allPossible().ofLengthBetween(0, 40)).ofSize(20),
                        integers().between(0, 3))
                .checkAssert((chosen, values, mode) -> {
                    var params = new MultivaluedHashMap<String, String>();
                    for (int i = 0; i < chosen.size(); i++) {
                        var name = names.get(chosen.get(i));
                        // Now and then a value past every length limit: a state or nonce of 1,100 characters.
                        var generated = values.get(i).startsWith("x") ? values.get(i).repeat(1100 / values.get(i)
                                .length() + 1) : values.get(i);
                        var value = mode == 0 || !goodValues.containsKey(name) ? generated : goodValues.get(name);
                        params.add(name, value);
                    }
                    try {
                        var request = parse(params);
                        assertEquals(1, params.get("client_id").size());
                        assertEquals(1, params.get("redirect_uri").size());
                        assertTrue(CodeRules.CHALLENGE.matcher(request.challenge()).matches());
                        assertEquals(List.of("S256"), params.get("code_challenge_method"));
                        assertEquals(List.of("code"), params.get("response_type"));
                        assertTrue(request.state() == null || request.state().length() <= AuthorizationRequest.MAX_STATE);
                        assertTrue(request.nonce() == null || request.nonce().length() <= 255);
                        assertFalse(params.containsKey("request"));
                    } catch (AuthorizationError refused) {
                        assertTrue(refused.error().matches("[a-z_]+"), refused.error());
                        if (refused.redirectable()) {
                            assertEquals(1, params.get("client_id").size());
                            assertEquals(1, params.get("redirect_uri").size());
                        }
                    }
                });
    }
}
