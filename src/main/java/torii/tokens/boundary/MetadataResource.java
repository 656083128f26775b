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

/**
 * The server metadata (RFC 8414), where clients discover the endpoints and what they support; the same document is
 * the OpenID Provider's configuration (OpenID Connect Discovery section 4).
 */
@Path(".well-known")
@ApplicationScoped
@PermitAll
public class MetadataResource {

    @Inject
    TokenSettings settings;

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Authorization Server Metadata")
    public Response metadata() {
        return Response.ok(ServerMetadata.of(settings.issuer(), settings.algorithm(), settings.passwordGrant()))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").build();
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Provider Configuration")
    public Response openIdConfiguration() {
        return metadata();
    }
}
