package torii.tokens.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import torii.platform.control.Scope;

/**
 * Authorization server metadata (RFC 8414 section 2), which is also the OpenID Provider metadata (OpenID Connect
 * Discovery section 3); components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
        "end_session_endpoint", "revocation_endpoint", "introspection_endpoint", "grant_types_supported",
        "response_types_supported", "response_modes_supported", "scopes_supported", "claims_supported",
        "subject_types_supported", "id_token_signing_alg_values_supported", "code_challenge_methods_supported",
        "prompt_values_supported", "authorization_response_iss_parameter_supported",
        "token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported"})
public record ServerMetadata(
        String issuer,
        String authorization_endpoint,
        String token_endpoint,
        String userinfo_endpoint,
        String jwks_uri,
        String end_session_endpoint,
        String revocation_endpoint,
        String introspection_endpoint,
        List<String> grant_types_supported,
        List<String> response_types_supported,
        List<String> response_modes_supported,
        List<String> scopes_supported,
        List<String> claims_supported,
        List<String> subject_types_supported,
        List<String> id_token_signing_alg_values_supported,
        List<String> code_challenge_methods_supported,
        List<String> prompt_values_supported,
        boolean authorization_response_iss_parameter_supported,
        List<String> token_endpoint_auth_methods_supported,
        List<String> revocation_endpoint_auth_methods_supported,
        List<String> introspection_endpoint_auth_methods_supported) {

    /** Public clients send only their id ("none"); confidential ones their secret, in the header or the form. */
    static final List<String> CLIENT_AUTHENTICATION = List.of("client_secret_basic", "client_secret_post", "none");
    static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
            "azp", "sid", "preferred_username", "name", "groups", "email", "email_verified");

    /** Every endpoint is named under the issuer, which must be the service's public URL. */
    static ServerMetadata of(String issuer, String algorithm, boolean passwordGrant) {
        var base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        var grants = new ArrayList<>(List.of(TokenRequest.AUTHORIZATION_CODE, TokenRequest.REFRESH_TOKEN,
                TokenRequest.CLIENT_CREDENTIALS));
        if (passwordGrant) {
            grants.add(TokenRequest.PASSWORD);
        }
        // The applications' scopes (app:<id>) come and go with the registry and are left out, as RFC 8414 section 2
        // allows.
        return new ServerMetadata(issuer, base + "/authorize", base + "/token", base + "/userinfo",
                base + "/.well-known/jwks.json", base + "/logout", base + "/revoke", base + "/introspect",
                List.copyOf(grants), List.of("code"), List.of("query"), Scope.NAMED, CLAIMS, List.of("public"),
                List.of(algorithm), List.of("S256"), List.of("none", "login"), true, CLIENT_AUTHENTICATION,
                CLIENT_AUTHENTICATION, List.of("client_secret_basic", "client_secret_post"));
    }
}
