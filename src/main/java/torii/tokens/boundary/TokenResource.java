package torii.tokens.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.platform.control.ClientAddresses;

/**
 * The token endpoint: a password or a refresh token in, a bearer token and a new refresh token out; or a confidential
 * client's credentials in, a token of its own out.
 */
@Path("token")
@ApplicationScoped
@PermitAll
public class TokenResource {

    @Inject
    Tokens tokens;

    @Inject
    ClientAddresses addresses;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Login For Access Token",
            description = "The password grant, grant_type=refresh_token to exchange a refresh token for a new pair, or "
                    + "grant_type=client_credentials for a confidential client's token of its own.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(ref = "TokenForm")))
    @APIResponse(responseCode = "200", description = "A bearer token and a refresh token",
            content = @Content(schema = @Schema(ref = "TokenResponse")))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_grant or unsupported_grant_type",
            content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "429", description = "slow_down: too many failed logins; see Retry-After",
            content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: too many logins at once; see Retry-After",
            content = @Content(schema = @Schema(ref = "Error")))
    public CompletionStage<Response> token(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @Context HttpServletRequest http) {
        // A password is checked on the hashing pool; this request thread is free meanwhile.
        return tokens.grant(TokenRequest.of(form), headers.getRequestHeader(HttpHeaders.AUTHORIZATION),
                addresses.of(http)).thenApply(TokenResource::noStore);
    }

    /** RFC 6749 section 5.1: a response with a token must not be cached. */
    static Response noStore(TokenResponse granted) {
        return Response.ok(granted).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
