package torii.keys.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;

/** The signing keys for administrators: their states, and a rotation on request. */
@Path("admin/keys")
@ApplicationScoped
public class KeysResource {

    @Inject
    SigningKeys signingKeys;

    /** The key a rotation made. */
    public record Rotated(String kid) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
    @Operation(summary = "List Signing Keys", description = "Newest first, each signing, verifying the tokens it "
            + "signed, or retired; never key material.")
    public List<KeyInfo> list() {
        return signingKeys.list();
    }

    @POST
    @Path("rotate")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
    @Operation(summary = "Rotate The Signing Key", description = "A new key signs from now on; the previous one "
            + "verifies until the tokens it signed have expired.")
    @APIResponse(responseCode = "200", description = "The new key's id")
    @APIResponse(responseCode = "409", description = "The key is configured, not generated")
    public Rotated rotate() {
        return signingKeys.rotate("asked by an administrator").map(Rotated::new).orElseThrow(() -> new Refusal(Kind.CONFLICT, null,
                "The signing key is configured; replace it in the configuration instead", null));
    }
}
