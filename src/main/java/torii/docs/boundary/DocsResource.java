package torii.docs.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.docs.control.StaticFiles;

/**
 * The interactive docs at {@code /docs}: Swagger UI from its webjar over the MicroProfile OpenAPI document. Served
 * here rather than by the servlet container because the API owns every path from the root.
 */
@Path("docs")
@ApplicationScoped
@PermitAll
public class DocsResource {

    /** Swagger UI sets inline styles; nothing else is allowed from anywhere but this origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Swagger UI's landing page for the authorization code, which the login page sends the code to: its one script
     * from this folder and nothing else, and the code in its address passed on to no one.
     */
    static final String REDIRECT_PAGE = "oauth2-redirect.html";
    static final String REDIRECT_POLICY = "default-src 'none'; script-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final StaticFiles files = StaticFiles.docs();

    @GET
    @Operation(hidden = true)
    public Response page(@Context UriInfo uri, @Context Request request) {
        // The page links its assets relative to /docs; from /docs/ they would resolve one level too deep.
        if (uri.getPath().endsWith("/")) {
            return Response.seeOther(uri.getBaseUriBuilder().path("docs").build()).build();
        }
        return files.serve("index.html", request).header("Content-Security-Policy", CONTENT_SECURITY_POLICY).build();
    }

    @GET
    @Path(REDIRECT_PAGE)
    @Operation(hidden = true)
    public Response redirectPage(@Context Request request) {
        return files.serve(REDIRECT_PAGE, request).header("Content-Security-Policy", REDIRECT_POLICY)
                .header("Referrer-Policy", "no-referrer").build();
    }

    @GET
    @Path("{file: [A-Za-z0-9][A-Za-z0-9._-]*}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request).build();
    }
}
