package torii.status.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A public probe that goes through the same JAX-RS stack as the API, for load balancers and benchmarks. */
@Path("status")
@ApplicationScoped
@PermitAll
public class StatusResource {

    /** The answer of a service that is up. */
    public record Status(String status) {
    }

    private static final Status UP = new Status("UP");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Service status")
    public Status status() {
        return UP;
    }
}
