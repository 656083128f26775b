package torii.signin.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.federation.boundary.Federation;
import torii.platform.control.ClientAddresses;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.signin.control.AuthorizationError;
import torii.signin.control.LoginCookie;

/**
 * The authorization endpoint (RFC 6749 section 3.1) of the code flow with PKCE, and the login page's submission.
 * A browser with a good login gets its code at once; otherwise the login page is served at this very URL, so that the
 * page reads the authorization request from its own address and posts it back with the credentials.
 */
@Path("authorize")
@ApplicationScoped
@PermitAll
public class AuthorizeResource {

    @Inject
    SignIn signIn;

    @Inject
    ClientAddresses addresses;

    @Inject
    Federation federation;

    @Inject
    LoginPage loginPage;

    @GET
    @Operation(summary = "Authorize", description = "The authorization code flow with PKCE (S256): a redirect to the "
            + "client with a code, or with an error, or the login page.")
    @APIResponse(responseCode = "200", description = "The login page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "302", description = "Back to the client's redirect URI with code, state and iss, or "
            + "with error, error_description, state and iss")
    @APIResponse(responseCode = "400", description = "An unknown client or an unregistered redirect URI: never a "
            + "redirect", content = @Content(schema = @Schema(ref = "Error")))
    public Response authorize(@Context UriInfo uri, @CookieParam(LoginCookie.NAME) String cookie,
            @Context Request request) {
        try {
            var checked = signIn.check(uri.getQueryParameters(), signIn.ownOrigins(uri.getBaseUri()));
            var outcome = signIn.authorize(checked, cookie);
            return outcome.redirect() != null ? PageRequests.redirect(outcome.redirect()) : loginPage.serve(request);
        } catch (SignIn.Redirected redirected) {
            return PageRequests.redirect(redirected.location());
        } catch (AuthorizationError error) {
            throw Refusal.oauth(Kind.INVALID, error.error(), error.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log In At The Login Page", description = "The login page's submission: the authorization "
            + "request it was shown for, and the credentials. Throttled as the token endpoint's password grant.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "SignInForm")))
    @APIResponse(responseCode = "200", description = "Where to go next, and the login's cookie",
            content = @Content(schema = @Schema(ref = "Next")))
    @APIResponse(responseCode = "400", description = "Incorrect username or password (invalid_grant), or a request "
            + "that cannot be answered by redirect", content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", description = "password_change_required: send new_password too; or a request "
            + "from another origin", content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "429", description = "slow_down: too many failed logins; see Retry-After",
            content = @Content(schema = @Schema(ref = "Error")))
    public CompletionStage<Response> logIn(SignInForm form, @Context UriInfo uri,
            @CookieParam(LoginCookie.NAME) String cookie, @HeaderParam("Origin") String origin,
            @Context HttpServletRequest http) {
        var origins = signIn.ownOrigins(uri.getBaseUri());
        PageRequests.sameOrigin(origin, origins);
        if (form == null) {
            throw Refusal.invalidParam("query", "is required");
        }
        var params = PageRequests.query(form.query());
        if (form.username() == null || form.username().isEmpty()) {
            throw Refusal.invalidParam("username", "is required");
        }
        if (form.password() == null || form.password().isEmpty()) {
            throw Refusal.invalidParam("password", "is required");
        }
        var newPassword = form.new_password() == null || form.new_password().isEmpty() ? null : form.new_password();
        try {
            var checked = signIn.check(params, origins);
            var secure = signIn.secure(uri.getBaseUri());
            return signIn.logIn(checked, form.username(), form.password(), newPassword, addresses.of(http), cookie)
                    .thenApply(loggedIn -> Response.ok(new Next(loggedIn.redirect()))
                            .cookie(LoginCookie.of(loggedIn.cookie(), loggedIn.lifetime(), secure))
                            .header("Cache-Control", "no-store").build());
        } catch (SignIn.Redirected redirected) {
            return CompletableFuture.completedFuture(
                    Response.ok(new Next(redirected.location())).header("Cache-Control", "no-store").build());
        } catch (AuthorizationError error) {
            throw Refusal.oauth(Kind.INVALID, error.error(), error.getMessage());
        }
    }

    @GET
    @Path("providers")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List Sign In Providers", description = "The company accounts the login page offers.")
    public List<Provider> providers() {
        return federation.providers().stream().map(provider -> new Provider(provider.id(), provider.name(),
                "/authorize/upstream/" + provider.id())).toList();
    }

    /** A provider of company accounts, and where its button leads; components are named as the JSON fields are. */
    public record Provider(String id, String name, String start) {
    }
}
