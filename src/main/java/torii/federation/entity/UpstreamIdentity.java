package torii.federation.entity;

import java.util.List;
import java.util.Objects;

/**
 * Who signed in at an upstream provider, as its verified ID token says: the provider's id in this service, the
 * provider's issuer and the subject there (together the stable key of the account), and what the token tells of the
 * person. {@code preferredUsername}, {@code name} and {@code email} may be null; {@code groups} is never null.
 */
public record UpstreamIdentity(String provider, String issuer, String subject, String preferredUsername, String name,
        String email, List<String> groups) {

    public UpstreamIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        groups = List.copyOf(groups);
    }
}
