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
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.platform.control.TokenSettings;

/** The server metadata (RFC 8414), where clients discover the endpoints and what they support. */
@Path(".well-known/oauth-authorization-server")
@ApplicationScoped
@PermitAll
public class MetadataResource {

    @Inject
    TokenSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorization Server Metadata")
    public Response metadata() {
        return Response.ok(ServerMetadata.of(settings.issuer())).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .build();
    }
}
