package torii.federation.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.keys.control.KeyMaterial;
import torii.keys.control.KeyRing;

/**
 * The sign-in cookie: a {@link PendingSignIn} as a JWT of type {@value #TYPE}, signed with the service's signing key.
 * Every instance of a cluster shares that key (torii.keys keeps it in the database), so any of them can check a cookie
 * another one set, and no instance keeps state between the start and the callback. The type keeps a cookie from ever
 * passing as an access token, and an access token from passing as a cookie. The cookie is signed, not encrypted: it
 * holds nothing the browser that carries it may not see (the PKCE verifier protects the code against others, not
 * against this browser), and it is HttpOnly, out of the page's scripts' reach.
 */
public class SignInCookies {

    public static final String TYPE = "upstream-signin+jwt";
    static final JOSEObjectType JOSE_TYPE = new JOSEObjectType(TYPE);
    /**
     * A browser keeps a cookie of at most 4096 bytes of name and value (RFC 6265 section 6.1 asks at least that):
     * the value may take what {@code torii_upstream=} leaves, rounded down.
     */
    public static final int MAX_COOKIE_LENGTH = 4000;
    /** The most of an authorization request that fits beside the rest of the cookie. */
    static final int MAX_QUERY_IN_COOKIE = 2400;

    private final KeyRing keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Duration lifetime;
    private final Clock clock;

    /** The algorithm is the configured one (torii.token.algorithm): a cookie claiming another is refused. */
    public SignInCookies(KeyRing keys, String algorithm, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSE_TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(KeyMaterial.algorithm(algorithm), keys));
        // Expiry is checked below with this class's clock, so that an expired cookie is told from a forged one.
        processor.setJWTClaimsSetVerifier(null);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The cookie's value for a sign-in starting now. */
    public String seal(String provider, String state, String nonce, String verifier, URI callback, String returnQuery) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .claim("prv", provider).claim("st", state).claim("nce", nonce).claim("pkv", verifier)
                .claim("cb", callback.toString()).claim("rq", returnQuery).build();
        var cookie = keys.sign(JOSE_TYPE, claims);
        if (cookie.length() > MAX_COOKIE_LENGTH) {
            throw new UpstreamFailure(Reason.REQUEST_TOO_LARGE, "The authorization request is too long to carry "
                    + "through the sign-in at " + provider);
        }
        return cookie;
    }

    /** The sign-in the cookie carries, if it is genuine, unexpired and was started for this provider. */
    public PendingSignIn open(String cookie, String provider) {
        var pending = read(cookie);
        if (!clock.instant().isBefore(pending.expires())) {
            throw new UpstreamFailure(Reason.EXPIRED, "The sign-in took longer than " + lifetime.toMinutes()
                    + " minutes; start again");
        }
        if (!pending.provider().equals(provider)) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The sign-in under way in this browser is not at "
                    + provider);
        }
        return pending;
    }

    /** The sign-in the cookie carries, if this service signed it, whether or not it has expired. */
    public PendingSignIn read(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "No sign-in is under way in this browser: its cookie is "
                    + "missing");
        }
        if (cookie.length() > MAX_COOKIE_LENGTH) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The sign-in cookie is not valid");
        }
        try {
            var claims = processor.process(cookie, null);
            return new PendingSignIn(text(claims, "prv"), text(claims, "st"), text(claims, "nce"), text(claims, "pkv"),
                    new URI(text(claims, "cb")), text(claims, "rq"), claims.getExpirationTime().toInstant());
        } catch (ParseException | BadJOSEException | JOSEException | URISyntaxException | RuntimeException e) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The sign-in cookie is not valid");
        }
    }

    static String text(JWTClaimsSet claims, String name) throws ParseException {
        var value = claims.getStringClaim(name);
        if (value == null) {
            throw new ParseException("no " + name, 0);
        }
        return value;
    }
}
