package torii.chat.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.docs.control.StaticFiles;
import torii.platform.boundary.Pages;

/**
 * The chat page at {@code /} and the assets at the root of the WAR, the admin console's among them. Served here rather
 * than by the servlet container because the API owns every path from the root; other resources' longer paths take
 * precedence.
 */
@Path("")
@ApplicationScoped
@PermitAll
public class ChatResource {

    @Inject
    ServletContext servletContext;

    private StaticFiles files;

    @PostConstruct
    void open() {
        files = StaticFiles.webapp(servletContext);
    }

    @GET
    @Operation(hidden = true)
    public Response page(@Context Request request) {
        return Pages.lockedDown(files.serve("index.html", request)).build();
    }

    /** Only names without a folder, so nothing under WEB-INF or META-INF can be asked for. */
    @GET
    @Path("{file: [a-z][a-z0-9-]*\\.(js|css|svg)}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request).build();
    }
}
