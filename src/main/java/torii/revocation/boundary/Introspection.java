package torii.revocation.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An introspection response (RFC 7662 section 2.2): for an inactive token only {@code active: false}, as null fields
 * are left out of the JSON. Components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"active", "sub", "username", "scope", "client_id", "token_type", "exp", "iat", "iss", "jti"})
public record Introspection(boolean active, String sub, String username, String scope, String client_id,
        String token_type, Long exp, Long iat, String iss, String jti) {

    static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null, null);
}
