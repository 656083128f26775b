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

/**
 * The chat page at {@code /} and its assets, from the root of the WAR. Served here rather than by the servlet
 * container because the API owns every path from the root; other resources' longer paths take precedence.
 */
@Path("")
@ApplicationScoped
@PermitAll
public class ChatResource {

    /**
     * Scripts and styles from this origin only, never inline, so that text injected into the page cannot run; the page
     * talks to this origin only, submits no form natively (a sign-in without its script must not put the password in
     * a URL), and is never framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @Inject
    ServletContext servletContext;

    private StaticFiles files;

    @PostConstruct
    void open() {
        files = new StaticFiles(name -> StaticFiles.read(servletContext.getResourceAsStream("/" + name)));
    }

    @GET
    @Operation(hidden = true)
    public Response page(@Context Request request) {
        return files.serve("index.html", request)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** Only names without a folder, so nothing under WEB-INF or META-INF can be asked for. */
    @GET
    @Path("{file: [a-z][a-z0-9-]*\\.(js|css|svg)}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request).build();
    }
}
