package torii.revocation.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.clients.control.ClientCredentials;
import torii.platform.boundary.FormParameters;

/** Token revocation (RFC 7009): revoking a refresh token ends its session, which is how a front end logs out. */
@Path("revoke")
@ApplicationScoped
@PermitAll
public class RevocationResource {

    @Inject
    Revocations revocations;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke A Token", description = "Ends the session of a refresh token, or denies an access "
            + "token until it expires. Answers 200 for a token that is unknown, expired or already revoked.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(ref = "RevocationForm")))
    @APIResponse(responseCode = "200", description = "Revoked, or nothing to revoke")
    @APIResponse(responseCode = "400", description = "invalid_request, or unauthorized_client for another client's token",
            content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(ref = "Error")))
    public Response revoke(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        form = FormParameters.checked(form);
        revocations.revoke(form.getFirst("token"), form.getFirst("token_type_hint"),
                ClientCredentials.of(headers.getRequestHeader(HttpHeaders.AUTHORIZATION), form.getFirst("client_id"),
                        form.getFirst("client_secret")));
        return Response.ok().build();
    }
}
