package torii.signin.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import torii.keys.control.KeyRing;

/**
 * The {@code id_token_hint} of a logout request (OpenID Connect RP-Initiated Logout section 2): an ID token this
 * service signed, whose subject and audience are read. It may have expired, as the specification allows: it only says
 * who asks to be signed out, and from which client.
 */
public final class IdTokenHint {

    /** A hint longer than this is no ID token of this service's. */
    static final int MAX_LENGTH = 16 * 1024;

    private IdTokenHint() {
    }

    public record Hint(String subject, List<String> audience) {
    }

    public static Optional<Hint> read(String hint, KeyRing keys, String issuer) {
        if (hint == null || hint.isEmpty() || hint.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(com.nimbusds.jose.JWSAlgorithm.parse(keys.signingKey().getAlgorithm().getName())), keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getAudience().isEmpty()) {
                throw new BadJWTException("not an ID token of this issuer");
            }
        });
        try {
            var claims = processor.process(hint, null);
            return Optional.of(new Hint(claims.getSubject(), claims.getAudience()));
        } catch (java.text.ParseException | com.nimbusds.jose.proc.BadJOSEException
                | com.nimbusds.jose.JOSEException unreadable) {
            return Optional.empty();
        }
    }
}
