package torii.gateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.apps.boundary.Apps;
import torii.apps.boundary.UsableApps;
import torii.apps.entity.Limits;
import torii.platform.control.Scope;

/**
 * What is left of the caller's budgets for each of their applications. Beside {@code /users/me/usage}, whose answer
 * (the counts per application and day) keeps its shape for the callers that read it.
 */
@Path("users/me/usage/budgets")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
public class MyBudgetsResource {

    @Inject
    Apps apps;

    @Inject
    UsableApps usableApps;

    @Inject
    Meter meter;

    @GET
    @Operation(summary = "Read Own Budgets", description = "Per application: requests left this minute, tokens left "
            + "today and this month (UTC), each with its limit and the seconds until it is whole again; left out "
            + "where there is no limit.")
    public List<BudgetReport> mine(@Context SecurityContext context) {
        var caller = (JsonWebToken) context.getUserPrincipal();
        return apps.usableBy(UsableApps.kindOf(caller), caller.getName(), caller.getGroups()).stream()
                .map(app -> usableApps.of(caller, app.id()).map(access -> meter.report(new Meter.Caller(
                        Completions.metered(caller), app.id(), access.limits(), null, Limits.NONE))).orElse(null))
                .filter(report -> report != null).toList();
    }
}
