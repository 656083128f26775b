package torii.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Makes, reads and checks signing keys for the three algorithms the service offers. Asymmetric keys are named by their
 * RFC 7638 thumbprint, so that the same key has the same {@code kid} wherever it is loaded.
 */
public interface KeyMaterial {

    Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.HS256);
    int MIN_RSA_BITS = 2048;
    Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    static JWSAlgorithm algorithm(String name) {
        var algorithm = JWSAlgorithm.parse(name);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalStateException("torii.token.algorithm must be RS256, ES256 or HS256, was " + name);
        }
        return algorithm;
    }

    static JWK generate(JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(MIN_RSA_BITS).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                        .keyIDFromThumbprint(true).generate();
            }
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECKeyGenerator(Curve.P_256).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                        .keyIDFromThumbprint(true).generate();
            }
            return new OctetSequenceKeyGenerator(256).keyID(UUID.randomUUID().toString()).algorithm(algorithm)
                    .keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    /** A private key from a file holding a JWK, or PEM: a PKCS#8 private key, plus its public key for EC. */
    static JWK read(Path file, JWSAlgorithm algorithm) {
        try {
            var text = Files.readString(file).strip();
            var key = text.startsWith("{") ? JWK.parse(text) : fromPem(text, algorithm);
            return check(key, algorithm, "the key in " + file);
        } catch (IOException | ParseException | GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read a private key from " + file + ": " + e.getMessage());
        }
    }

    static JWK fromPem(String text, JWSAlgorithm algorithm) throws GeneralSecurityException, JOSEException {
        byte[] privateDer = null;
        byte[] publicDer = null;
        var blocks = PEM.matcher(text);
        while (blocks.find()) {
            var der = Base64.getMimeDecoder().decode(blocks.group(2));
            switch (blocks.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> throw new IllegalArgumentException("only PKCS#8 PRIVATE KEY and PUBLIC KEY blocks are read, not "
                        + blocks.group(1));
            }
        }
        if (privateDer == null) {
            throw new IllegalArgumentException("no PRIVATE KEY block");
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            var rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            var publicKey = (java.security.interfaces.RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            if (publicDer == null) {
                throw new IllegalArgumentException("an EC key needs its PUBLIC KEY block beside the private key");
            }
            var ec = KeyFactory.getInstance("EC");
            var publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(publicDer));
            var privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            return new ECKey.Builder(Curve.forECParameterSpec(publicKey.getParams()), publicKey).privateKey(privateKey)
                    .keyIDFromThumbprint().build();
        }
        throw new IllegalArgumentException("a PEM file holds an RS256 or ES256 key; give an HS256 key as a JWK");
    }

    /** The key, with its algorithm, use and kid set, if it is a private key fit for the algorithm. */
    static JWK check(JWK key, JWSAlgorithm algorithm, String what) throws JOSEException {
        var fit = key.isPrivate() && (JWSAlgorithm.RS256.equals(algorithm)
                ? key instanceof RSAKey && key.size() >= MIN_RSA_BITS
                : JWSAlgorithm.ES256.equals(algorithm)
                ? key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())
                : key instanceof OctetSequenceKey && key.size() >= 256);
        if (!fit) {
            throw new IllegalArgumentException(what + " is not a private key for " + algorithm
                    + " (RS256: RSA of at least 2048 bits, ES256: EC on P-256, HS256: at least 256 bits)");
        }
        var kid = key.getKeyID() != null ? key.getKeyID()
                : key instanceof OctetSequenceKey ? "configured" : key.computeThumbprint().toString();
        var json = key.toJSONObject();
        json.put("alg", algorithm.getName());
        json.put("use", KeyUse.SIGNATURE.identifier());
        json.put("kid", kid);
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
