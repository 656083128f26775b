package torii.federation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.keys.control.KeyMaterial;
import torii.keys.control.KeyRing;

class SignInCookiesTest {

    static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
    static final URI CALLBACK = URI.create("https://torii.example/authorize/upstream/company/callback");
    static final Duration LIFETIME = Duration.ofMinutes(10);

    final KeyRing keys = ring(JWSAlgorithm.RS256);

    static KeyRing ring(JWSAlgorithm algorithm) {
        var ring = new KeyRing();
        ring.use(KeyMaterial.generate(algorithm));
        return ring;
    }

    SignInCookies at(Instant now) {
        return new SignInCookies(keys, "RS256", LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    String sealed() {
        return at(NOW).seal("company", "the-state", "the-nonce", "the-verifier", CALLBACK, "client_id=chat&state=s");
    }

    static void refused(Reason reason, Executable opening) {
        assertEquals(reason, assertThrows(UpstreamFailure.class, opening).reason());
    }

    @Test
    void aSealedSignInOpensAsItWasStarted() {
        var pending = at(NOW.plusSeconds(60)).open(sealed(), "company");

        assertEquals("company", pending.provider());
        assertEquals("the-state", pending.state());
        assertEquals("the-nonce", pending.nonce());
        assertEquals("the-verifier", pending.verifier());
        assertEquals(CALLBACK, pending.callback());
        assertEquals("client_id=chat&state=s", pending.returnQuery());
        assertEquals(NOW.plus(LIFETIME), pending.expires());
    }

    @Test
    void tamperedClaims() {
        var parts = sealed().split("\\.");
        var claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("client_id=chat", "client_id=evil");
        var tampered = parts[0] + "." + Base64URL.encode(claims) + "." + parts[2];

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(tampered, "company"));
    }

    @Test
    void signedByAnotherKey() {
        var foreign = new SignInCookies(ring(JWSAlgorithm.RS256), "RS256", LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC))
                .seal("company", "s", "n", "v", CALLBACK, "");

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(foreign, "company"));
    }

    @Test
    void unsigned() {
        var plain = new PlainJWT(new JWTClaimsSet.Builder().claim("prv", "company").claim("st", "s").claim("nce", "n")
                .claim("pkv", "v").claim("cb", CALLBACK.toString()).claim("rq", "")
                .expirationTime(Date.from(NOW.plusSeconds(600))).build()).serialize();

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(plain, "company"));
    }

    @Test
    void anAccessTokenIsNoSignInCookie() {
        var accessToken = keys.sign(JOSEObjectType.JWT, new JWTClaimsSet.Builder().claim("prv", "company")
                .claim("st", "s").claim("nce", "n").claim("pkv", "v").claim("cb", CALLBACK.toString()).claim("rq", "")
                .expirationTime(Date.from(NOW.plusSeconds(600))).build());

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(accessToken, "company"));
    }

    @Test
    void expired() {
        var cookie = sealed();

        refused(Reason.EXPIRED, () -> at(NOW.plus(LIFETIME)).open(cookie, "company"));
        assertEquals("the-state", at(NOW.plus(LIFETIME)).read(cookie).state(), "still genuine, to send the failure on");
    }

    @Test
    void startedForAnotherProvider() {
        var cookie = sealed();

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(cookie, "partner"));
    }

    @Test
    void missingOrBlank() {
        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(null, "company"));
        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(" ", "company"));
        refused(Reason.STATE_MISMATCH, () -> at(NOW).open("not.a.jwt", "company"));
    }

    @Test
    void longerThanAnyCookieThisServiceSets() {
        var huge = sealed() + "A".repeat(SignInCookies.MAX_COOKIE_LENGTH);

        refused(Reason.STATE_MISMATCH, () -> at(NOW).open(huge, "company"));
    }

    @Test
    void theLongestAllowedAuthorizationRequestFitsInACookieEvenWithAnRsa4096Key() throws Exception {
        var largeKey = new KeyRing();
        largeKey.use(new RSAKeyGenerator(4096).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate());
        var cookies = new SignInCookies(largeKey, "RS256", LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC));
        // Separators, and quotes that JSON escapes.
        var query = "a=%2F&<>'\"".repeat(FederationSettings.defaults().maxReturnQueryLength() / 10);

        var cookie = cookies.seal("a-provider-id-of-thirty-two-char", new State().getValue(), new Nonce().getValue(),
                new CodeVerifier().getValue(), URI.create("https://torii.example.com/authorize/upstream/"
                        + "a-provider-id-of-thirty-two-char/callback"), query);

        assertTrue(cookie.length() <= SignInCookies.MAX_COOKIE_LENGTH, "length " + cookie.length());
        assertEquals(query, cookies.read(cookie).returnQuery());
    }

    @Test
    void anAuthorizationRequestTooLongForACookie() {
        var query = "x".repeat(SignInCookies.MAX_COOKIE_LENGTH);

        refused(Reason.REQUEST_TOO_LARGE, () -> at(NOW).seal("company", "s", "n", "v", CALLBACK, query));
    }
}
