package torii.tokens.boundary;

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
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.clients.boundary.Clients;
import torii.clients.control.ClientCredentials;
import java.util.Set;
import torii.security.boundary.Challenges;
import torii.security.boundary.ScopesFilter;
import torii.tokens.control.Scope;

/**
 * Token introspection (RFC 7662) for resource servers that prefer asking to verifying. Only a confidential client
 * or a caller with the admin role and scope may ask; anonymous callers learn nothing.
 */
@Path("introspect")
@ApplicationScoped
@PermitAll
public class IntrospectionResource {

    @Inject
    Revocations revocations;

    @Inject
    Clients clients;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Introspect A Token", description = "Needs a confidential client's credentials (HTTP Basic "
            + "or client_id and client_secret in the form) or a bearer token with the admin role and scope.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(ref = "IntrospectionForm")))
    @APIResponse(responseCode = "200", description = "Whether the token is active, and its claims if it is",
            content = @Content(schema = @Schema(ref = "Introspection")))
    @APIResponse(responseCode = "400", description = "invalid_request", content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", description = "A bearer token without the admin role or scope",
            content = @Content(schema = @Schema(ref = "Error")))
    public Introspection introspect(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @Context SecurityContext caller) {
        form = TokenRequest.checked(form);
        if (caller.getUserPrincipal() != null) {
            if (!caller.isUserInRole(Scope.ADMIN)) {
                throw Challenges.forbidden();
            }
            // The role is not enough: the token must have been issued for administration too.
            ScopesFilter.require(caller.getUserPrincipal(), Set.of(Scope.ADMIN));
        } else {
            clients.authenticateConfidential(ClientCredentials.of(headers.getRequestHeader(HttpHeaders.AUTHORIZATION),
                    form.getFirst("client_id"), form.getFirst("client_secret")));
        }
        return revocations.introspect(TokenRequest.required(form, "token"));
    }
}
