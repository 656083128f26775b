package torii.tokens.boundary;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.tokens.control.KeyRing;
import torii.tokens.entity.SigningKey;

/**
 * Loads the HS256 signing key at start: the configured secret, else the key generated on the first start and kept
 * in the database. A configured secret shorter than 256 bits stops the deployment (RFC 7518 section 3.2).
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    static final int MIN_SECRET_BYTES = 32;

    @Inject
    @ConfigProperty(name = "torii.token.secret")
    Optional<String> secret;

    /** Where server-config/h2-data-dir.asadmin keeps the embedded database, if it is used. */
    @Inject
    @ConfigProperty(name = "torii.data.dir")
    Optional<String> dataDir;

    @Inject
    KeyRing keyRing;

    @PersistenceContext
    EntityManager em;

    @PostConstruct
    void load() {
        keyRing.use(secret.map(SigningKeys::fromSecret).orElseGet(this::storedOrGenerated));
    }

    /** The secret's UTF-8 bytes are the key, as in the FastAPI tutorial, so both sign and verify the same tokens. */
    static OctetSequenceKey fromSecret(String secret) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("torii.token.secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) long; generate one with: openssl rand -hex 32");
        }
        LOG.info("Signing tokens with the configured HS256 secret");
        return new OctetSequenceKey.Builder(bytes).keyID("configured").algorithm(JWSAlgorithm.HS256)
                .keyUse(KeyUse.SIGNATURE).build();
    }

    OctetSequenceKey storedOrGenerated() {
        var stored = em.createNamedQuery(SigningKey.NEWEST, SigningKey.class)
                .setParameter("algorithm", JWSAlgorithm.HS256.getName()).setMaxResults(1)
                .getResultStream().findFirst();
        if (stored.isPresent()) {
            LOG.info("Signing tokens with the stored HS256 key");
            return parse(stored.get().jwk());
        }
        var generated = generate();
        em.persist(new SigningKey(generated.getKeyID(), JWSAlgorithm.HS256.getName(), generated.toJSONString(),
                Instant.now()));
        LOG.info("Generated and stored a new HS256 signing key");
        dataDir.map(Path::of).ifPresent(SigningKeys::makePrivate);
        return generated;
    }

    /** The database now holds a secret: only the service's user may read the folder of an embedded one. */
    static void makePrivate(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning("Could not make " + folder + " readable by the service's user only: " + e);
        }
    }

    static OctetSequenceKey generate() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    static OctetSequenceKey parse(String jwk) {
        try {
            return OctetSequenceKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key is unreadable", e);
        }
    }
}
