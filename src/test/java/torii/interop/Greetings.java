package torii.interop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Endpoints of the stock service, guarded by the roles our tokens' groups become. */
@Path("greetings")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class Greetings {

    @Inject
    JsonWebToken caller;

    @GET
    @RolesAllowed("user")
    public String user() {
        return "hello " + caller.getName();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "hello administrator " + caller.getName();
    }
}
