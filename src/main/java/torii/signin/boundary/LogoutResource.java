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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import torii.clients.boundary.Clients;
import torii.clients.control.RedirectUris;
import torii.keys.control.KeyRing;
import torii.platform.control.ClientAddresses;
import torii.platform.control.Refusal;
import torii.platform.control.TokenSettings;
import torii.signin.control.IdTokenHint;
import torii.signin.control.LoginCookie;
import torii.signin.control.Redirects;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the browser's login ends, with every client's session
 * started from it, and the browser goes back to the client's registered URI. A request without an ID token of the
 * user's (a link anyone could send) is asked to confirm on the logout page first.
 */
@Path("logout")
@ApplicationScoped
@PermitAll
public class LogoutResource {

    @Inject
    SignIn signIn;

    @Inject
    Clients clients;

    @Inject
    KeyRing keys;

    @Inject
    TokenSettings settings;

    @Inject
    ClientAddresses addresses;

    @Inject
    LoginPage loginPage;

    @GET
    @Operation(summary = "Log Out", description = "With an id_token_hint of the browser's user, the login ends at "
            + "once; without one, the logout page asks first.")
    @APIResponse(responseCode = "200", description = "The logout page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "302", description = "To post_logout_redirect_uri with state, or to the chat page")
    @APIResponse(responseCode = "400", description = "A post_logout_redirect_uri not registered for the client",
            content = @Content(schema = @Schema(ref = "Error")))
    public Response logOut(@Context UriInfo uri, @CookieParam(LoginCookie.NAME) String cookie,
            @Context HttpServletRequest http, @Context Request request) {
        var params = uri.getQueryParameters();
        var origins = signIn.ownOrigins(uri.getBaseUri());
        var hint = IdTokenHint.read(single(params, "id_token_hint"), keys, settings.issuer());
        var next = next(params, hint.map(IdTokenHint.Hint::audience).flatMap(aud -> aud.stream().findFirst()), origins);
        var user = signIn.userOf(cookie);
        // Nothing to end, or the ID token of the browser's own user: no need to ask.
        var confirmed = user.isEmpty() || hint.isPresent() && user.get().username().equals(hint.get().subject());
        if (!confirmed) {
            return loginPage.serve(request);
        }
        signIn.logOut(cookie, addresses.of(http));
        return Response.fromResponse(PageRequests.redirect(next))
                .cookie(LoginCookie.cleared(signIn.secure(uri.getBaseUri()))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm Log Out", description = "The logout page's confirmation.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "LogoutForm")))
    @APIResponse(responseCode = "200", description = "Where to go next", content = @Content(schema = @Schema(ref = "Next")))
    @APIResponse(responseCode = "400", description = "A post_logout_redirect_uri not registered for the client",
            content = @Content(schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", description = "A request from another origin",
            content = @Content(schema = @Schema(ref = "Error")))
    public Response confirm(LogoutForm form, @Context UriInfo uri, @CookieParam(LoginCookie.NAME) String cookie,
            @HeaderParam("Origin") String origin, @Context HttpServletRequest http) {
        var origins = signIn.ownOrigins(uri.getBaseUri());
        PageRequests.sameOrigin(origin, origins);
        var params = PageRequests.query(form == null ? null : form.query());
        var hint = IdTokenHint.read(single(params, "id_token_hint"), keys, settings.issuer());
        var next = next(params, hint.map(IdTokenHint.Hint::audience).flatMap(aud -> aud.stream().findFirst()), origins);
        signIn.logOut(cookie, addresses.of(http));
        return Response.ok(new Next(next)).cookie(LoginCookie.cleared(signIn.secure(uri.getBaseUri())))
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Where the browser goes once signed out: the client's post_logout_redirect_uri, which must be one of its
     * registered redirect URIs, with the state; else the chat page.
     */
    String next(MultivaluedMap<String, String> params, Optional<String> hintedClient, Set<String> origins) {
        var uri = single(params, "post_logout_redirect_uri");
        var home = origins.iterator().next() + "/";
        if (uri == null) {
            return home;
        }
        var clientId = Optional.ofNullable(single(params, "client_id")).or(() -> hintedClient)
                .orElseThrow(() -> Refusal.invalidParam("client_id",
                        "is required with post_logout_redirect_uri when no id_token_hint names the client"));
        var client = clients.find(clientId).filter(found -> !found.disabled())
                .orElseThrow(() -> Refusal.invalidParam("client_id", "is no client here"));
        if (!RedirectUris.matches(client.redirectUris(), uri, origins)) {
            throw Refusal.invalidParam("post_logout_redirect_uri", "is not registered for client " + clientId);
        }
        var extra = new LinkedHashMap<String, String>();
        extra.put("state", single(params, "state"));
        return Redirects.to(uri, extra);
    }

    static String single(MultivaluedMap<String, String> params, String name) {
        var values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw Refusal.invalidParam(name, "must be sent once");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }
}
