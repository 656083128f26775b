package torii.signin.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.federation.boundary.Accounts;
import torii.federation.boundary.Federation;
import torii.federation.entity.UpstreamFailure;
import torii.platform.control.ClientAddresses;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.AuditEvent;
import torii.signin.control.AuthorizationError;
import torii.signin.control.AuthorizationRequest;
import torii.signin.control.LoginCookie;

/**
 * Signing in with a company account: the browser goes from the login page to the upstream provider with the
 * authorization request it came with, and comes back to the callback, where the account's local user (made at its
 * first sign-in) logs the browser in and the request is answered as after a password.
 */
@Path("authorize/upstream/{provider}")
@ApplicationScoped
@PermitAll
public class UpstreamResource {

    /** Where the sign-in cookie is sent: the start and the callback only. */
    static final String COOKIE_PATH = "/authorize/upstream";

    @Inject
    SignIn signIn;

    @Inject
    Federation federation;

    @Inject
    Accounts accounts;

    @Inject
    ClientAddresses addresses;

    @Inject
    Event<AuditEvent> audit;

    @GET
    @Operation(summary = "Sign In With Provider", description = "From the login page: the same authorization request, "
            + "continued at the upstream provider.")
    @APIResponse(responseCode = "302", description = "To the provider, or back to the client with an error")
    @APIResponse(responseCode = "400", description = "An unknown client or an unregistered redirect URI",
            content = @Content(schema = @Schema(ref = "Error")))
    public Response start(@PathParam("provider") String provider, @Context UriInfo uri) {
        AuthorizationRequest request;
        try {
            request = checked(uri.getQueryParameters(), uri);
        } catch (SignIn.Redirected redirected) {
            return PageRequests.redirect(redirected.location());
        }
        try {
            var started = federation.start(provider, uri.getRequestUri().getRawQuery(), callback(uri, provider));
            return Response.fromResponse(PageRequests.redirect(started.authorizationUrl().toString()))
                    .cookie(cookie(started.cookie(), started.maxAge(), uri)).build();
        } catch (UpstreamFailure failure) {
            return PageRequests.redirect(signIn.error(request, failed(failure)));
        }
    }

    @GET
    @Path("callback")
    @Operation(summary = "Provider Callback", description = "Where the upstream provider sends the browser back.")
    @APIResponse(responseCode = "302", description = "Back to the client with a code, or with an error")
    @APIResponse(responseCode = "400", description = "No sign-in under way in this browser",
            content = @Content(schema = @Schema(ref = "Error")))
    public Response callback(@PathParam("provider") String provider, @Context UriInfo uri,
            @CookieParam(Federation.COOKIE) String pending, @CookieParam(LoginCookie.NAME) String login,
            @Context HttpServletRequest http) {
        var query = federation.returnQuery(pending).orElseThrow(() -> new Refusal(Kind.INVALID, "invalid_request",
                "No sign-in is under way in this browser; start again from the application", null));
        AuthorizationRequest request;
        try {
            request = checked(PageRequests.query(query), uri);
        } catch (SignIn.Redirected redirected) {
            return cleared(PageRequests.redirect(redirected.location()), uri);
        }
        var address = addresses.of(http);
        try {
            var identity = federation.finish(provider, uri.getQueryParameters(), pending, callback(uri, provider));
            var user = accounts.userFor(identity);
            if (user.disabled()) {
                audit.fire(new AuditEvent(AuditEvent.LOGIN, user.username(), address, AuditEvent.FAILURE,
                        "with " + provider + ": disabled"));
                return cleared(PageRequests.redirect(signIn.error(request,
                        new AuthorizationError("access_denied", "This account is disabled"))), uri);
            }
            audit.fire(new AuditEvent(AuditEvent.LOGIN, user.username(), address, AuditEvent.SUCCESS,
                    "with " + provider));
            var loggedIn = signIn.logInAs(request, user, address, login);
            return Response.fromResponse(cleared(PageRequests.redirect(loggedIn.redirect()), uri))
                    .cookie(LoginCookie.of(loggedIn.cookie(), loggedIn.lifetime(), signIn.secure(uri.getBaseUri())))
                    .build();
        } catch (UpstreamFailure failure) {
            audit.fire(new AuditEvent(AuditEvent.LOGIN, null, address, AuditEvent.FAILURE,
                    "with " + provider + ": " + failure.reason().name().toLowerCase(Locale.ROOT)));
            return cleared(PageRequests.redirect(signIn.error(request, failed(failure))), uri);
        }
    }

    /** The authorization request checked; {@link SignIn.Redirected} for an error to tell the client. */
    AuthorizationRequest checked(MultivaluedMap<String, String> params, UriInfo uri) {
        try {
            return signIn.check(params, signIn.ownOrigins(uri.getBaseUri()));
        } catch (AuthorizationError error) {
            throw Refusal.oauth(Kind.INVALID, error.error(), error.getMessage());
        }
    }

    static AuthorizationError failed(UpstreamFailure failure) {
        return new AuthorizationError(failure.reason().error(), failure.getMessage());
    }

    static URI callback(UriInfo uri, String provider) {
        return uri.getBaseUriBuilder().path("authorize/upstream").path(provider).path("callback").build();
    }

    NewCookie cookie(String value, Duration lifetime, UriInfo uri) {
        return new NewCookie.Builder(Federation.COOKIE).value(value).path(COOKIE_PATH).httpOnly(true)
                .secure(signIn.secure(uri.getBaseUri())).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) lifetime.toSeconds()).build();
    }

    /** The sign-in cookie is spent whatever the outcome. */
    Response cleared(Response response, UriInfo uri) {
        return Response.fromResponse(response).cookie(new NewCookie.Builder(Federation.COOKIE).value("")
                .path(COOKIE_PATH).httpOnly(true).secure(signIn.secure(uri.getBaseUri()))
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build()).build();
    }
}
