package torii.keys.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.keys.control.KeyRing;

/** The public keys (RFC 7517), where verifiers find them on their own. */
@Path(".well-known/jwks.json")
@ApplicationScoped
@PermitAll
public class WellKnownResource {

    /** Verifiers that cache the keys look again within minutes, well before a retired key's tokens expire. */
    static final String KEYS_CACHE = "public, max-age=300";

    @Inject
    KeyRing keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set", description = "The public keys of the tokens that may still be valid; "
            + "empty when tokens are signed with a shared secret (HS256).")
    public Response jwks() {
        return Response.ok(keys.publicKeys().toString(true)).header(HttpHeaders.CACHE_CONTROL, KEYS_CACHE).build();
    }
}
