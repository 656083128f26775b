package torii.tokens.control;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The keys in use: the one that signs new tokens, and those that verify tokens. */
@ApplicationScoped
public class KeyRing implements JWKSource<SecurityContext> {

    private volatile OctetSequenceKey signingKey;
    private volatile long generation;

    public synchronized void use(OctetSequenceKey key) {
        signingKey = key;
        generation++;
    }

    /** Changes whenever the keys do, so that what was verified with the old ones can be forgotten. */
    public long generation() {
        return generation;
    }

    public OctetSequenceKey signingKey() {
        var key = signingKey;
        if (key == null) {
            throw new IllegalStateException("No signing key has been loaded");
        }
        return key;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        var key = signingKey;
        return key == null ? List.of() : selector.getMatcher().matches(key) ? List.of(key) : List.of();
    }
}
