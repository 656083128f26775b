package torii.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import torii.platform.entity.KeysChanged;

/**
 * The keys in use: the one that signs new tokens, and every key whose tokens may still be valid. A token naming a key
 * this ring does not know makes it ask for a reload, at most once per {@link #RELOAD_INTERVAL}, so that a key another
 * instance has just made is found without letting random key ids turn into a query each; {@link KeysChanged} reloads
 * at once.
 */
@ApplicationScoped
public class KeyRing implements JWKSource<SecurityContext> {

    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

    /** One consistent view: a reader never sees the signer of one version with the verifiers of another. */
    record Keys(JWK signer, List<JWK> verifiers, long generation) {
    }

    private volatile Keys keys = new Keys(null, List.of(), 0);
    private volatile Runnable reloader = () -> {
    };
    private volatile long lastReload;
    Clock clock = Clock.systemUTC();

    /** The signing key, and the keys that verify (the signer among them); private keys, for issuing. */
    public synchronized void use(JWK signer, List<JWK> verifiers) {
        Objects.requireNonNull(signer, "signer");
        var current = keys;
        var changed = !kids(verifiers).equals(kids(current.verifiers())) || current.signer() == null
                || !signer.getKeyID().equals(current.signer().getKeyID());
        keys = new Keys(signer, List.copyOf(verifiers), changed ? current.generation() + 1 : current.generation());
    }

    public void use(JWK key) {
        use(key, List.of(key));
    }

    /** What to call when a token names an unknown key; it is expected to call {@link #use} with what it finds. */
    public void reloadWith(Runnable reloader) {
        this.reloader = reloader;
    }

    /** A key was made or retired, here or on another instance: the stored keys are used at once. */
    void reload(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeysChanged change) {
        reloader.run();
    }

    static Set<String> kids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    /** Changes whenever the set of keys does, so that what was verified with the old ones can be forgotten. */
    public long generation() {
        return keys.generation();
    }

    public JWK signingKey() {
        var key = keys.signer();
        if (key == null) {
            throw new IllegalStateException("No signing key has been loaded");
        }
        return key;
    }

    /** Whether the signing key is one a verifier can check from the published JWK Set, i.e. not a shared secret. */
    public boolean signsPublicly() {
        return !(signingKey() instanceof OctetSequenceKey);
    }

    /** The claims as a JWT of the type ({@code typ}) signed with the signing key, whose id it names ({@code kid}). */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        var key = signingKey();
        var header = new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName())).type(type)
                .keyID(key.getKeyID()).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signerOf(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The signer of the current key, made once per key: turning a JWK into a private key costs more than signing. */
    private volatile Signer current;

    JWSSigner signerOf(JWK key) throws JOSEException {
        var known = current;
        if (known == null || known.key() != key) {
            known = new Signer(key, signer(key));
            current = known;
        }
        return known.signer();
    }

    private record Signer(JWK key, JWSSigner signer) {
    }

    static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof OctetSequenceKey secret) {
            return new MACSigner(secret);
        }
        return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
    }

    /** The JWK Set to publish: public halves of asymmetric keys only; a shared secret is never published. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.verifiers().stream().filter(key -> !(key instanceof OctetSequenceKey))
                .map(JWK::toPublicJWK).toList());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        var found = selector.select(new JWKSet(keys.verifiers()));
        if (found.isEmpty() && reloadDue()) {
            reloader.run();
            found = selector.select(new JWKSet(keys.verifiers()));
        }
        return found;
    }

    synchronized boolean reloadDue() {
        var now = clock.millis();
        if (now - lastReload < RELOAD_INTERVAL.toMillis()) {
            return false;
        }
        lastReload = now;
        return true;
    }
}
