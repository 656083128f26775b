package torii.tokens.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.tokens.control.KeyRing;
import torii.tokens.control.TokenIssuer;

/** What verifiers and clients discover on their own: the public keys (RFC 7517) and the server metadata (RFC 8414). */
@Path(".well-known")
@ApplicationScoped
@PermitAll
public class WellKnownResource {

    /** Verifiers that cache the keys look again within minutes, well before a retired key's tokens expire. */
    static final String KEYS_CACHE = "public, max-age=300";

    @Inject
    KeyRing keys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = TokenIssuer.DEFAULT_ISSUER)
    String issuer;

    @GET
    @Path("jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set", description = "The public keys of the tokens that may still be valid; "
            + "empty when tokens are signed with a shared secret (HS256).")
    public Response jwks() {
        return Response.ok(keys.publicKeys().toString(true)).header(HttpHeaders.CACHE_CONTROL, KEYS_CACHE).build();
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorization Server Metadata")
    public Response metadata() {
        return Response.ok(ServerMetadata.of(issuer)).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").build();
    }
}
