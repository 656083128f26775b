package torii.console.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.docs.control.StaticFiles;
import torii.platform.boundary.Pages;

/**
 * The admin console at {@code /admin}, from the root of the WAR as the chat page is (its script and style come by the
 * chat page's asset route), and Chart.js from its webjar. Open to all: the page holds no data, and the admin API it
 * calls decides who may read what.
 */
@Path("admin")
@ApplicationScoped
@PermitAll
public class ConsoleResource {

    static final String CHARTS = "chart.umd.js";

    @Inject
    ServletContext servletContext;

    private final StaticFiles charts = StaticFiles.webjar("org.webjars.npm", "chart.js", "dist/");

    private StaticFiles page;

    @PostConstruct
    void open() {
        page = StaticFiles.webapp(servletContext);
    }

    @GET
    @Operation(hidden = true)
    public Response page(@Context Request request) {
        return Pages.lockedDown(page.serve("admin.html", request)).build();
    }

    /** The one file of the webjar the page loads; its source map and the other builds stay unserved. */
    @GET
    @Path(CHARTS)
    @Operation(hidden = true)
    public Response charts(@Context Request request) {
        return charts.serve(CHARTS, request).build();
    }
}
