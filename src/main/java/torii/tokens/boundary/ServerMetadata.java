package torii.tokens.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import torii.platform.control.Scope;

/** Authorization server metadata (RFC 8414 section 2); components are named as the JSON fields are. */
@JsonbPropertyOrder({"issuer", "token_endpoint", "jwks_uri", "revocation_endpoint", "introspection_endpoint",
        "grant_types_supported", "response_types_supported", "scopes_supported",
        "token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported"})
public record ServerMetadata(
        String issuer,
        String token_endpoint,
        String jwks_uri,
        String revocation_endpoint,
        String introspection_endpoint,
        List<String> grant_types_supported,
        List<String> response_types_supported,
        List<String> scopes_supported,
        List<String> token_endpoint_auth_methods_supported,
        List<String> revocation_endpoint_auth_methods_supported,
        List<String> introspection_endpoint_auth_methods_supported) {

    /** Public clients send only their id ("none"); confidential ones their secret, in the header or the form. */
    static final List<String> CLIENT_AUTHENTICATION = List.of("client_secret_basic", "client_secret_post", "none");

    /** Every endpoint is named under the issuer, which must be the service's public URL. */
    static ServerMetadata of(String issuer) {
        var base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        // No authorization endpoint, so no response types; the list is required all the same. The applications'
        // scopes (app:<id>) come and go with the registry and are left out, as RFC 8414 section 2 allows.
        return new ServerMetadata(issuer, base + "/token", base + "/.well-known/jwks.json", base + "/revoke",
                base + "/introspect",
                List.of(TokenRequest.PASSWORD, TokenRequest.REFRESH_TOKEN, TokenRequest.CLIENT_CREDENTIALS), List.of(),
                Scope.NAMED, CLIENT_AUTHENTICATION, CLIENT_AUTHENTICATION,
                List.of("client_secret_basic", "client_secret_post"));
    }
}
