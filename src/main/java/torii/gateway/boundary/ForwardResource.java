package torii.gateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import torii.apps.control.Upstreams;
import torii.gateway.control.Forwarding;
import torii.platform.control.ClientAddresses;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * HTTP applications at {@code /apps/{id}/...}: any method, path, query and body, passed on to the application for a
 * caller who holds its grant and scope, and its answer relayed back as it comes. The OpenAPI document describes it in
 * META-INF/openapi.yaml, since its template's regular expression is no OpenAPI path.
 */
@Path("apps/{id}{path: (/.*)?}")
@ApplicationScoped
@RolesAllowed("**")
public class ForwardResource {

    @Inject
    Forwarder forwarder;

    @Inject
    Upstreams upstreams;

    @Inject
    ClientAddresses addresses;

    @GET
    @Operation(hidden = true)
    public CompletionStage<Response> get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request, @Context SecurityContext caller) {
        return forward("GET", id, uri, headers, request, caller, null);
    }

    @HEAD
    @Operation(hidden = true)
    public CompletionStage<Response> head(@PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServletRequest request, @Context SecurityContext caller) {
        return forward("HEAD", id, uri, headers, request, caller, null);
    }

    @DELETE
    @Operation(hidden = true)
    public CompletionStage<Response> delete(@PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServletRequest request, @Context SecurityContext caller) {
        return forward("DELETE", id, uri, headers, request, caller, null);
    }

    @POST
    @Operation(hidden = true)
    public CompletionStage<Response> post(@PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServletRequest request, @Context SecurityContext caller,
            InputStream body) {
        return forward("POST", id, uri, headers, request, caller, body);
    }

    @PUT
    @Operation(hidden = true)
    public CompletionStage<Response> put(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context HttpServletRequest request, @Context SecurityContext caller, InputStream body) {
        return forward("PUT", id, uri, headers, request, caller, body);
    }

    @PATCH
    @Operation(hidden = true)
    public CompletionStage<Response> patch(@PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers, @Context HttpServletRequest request, @Context SecurityContext caller,
            InputStream body) {
        return forward("PATCH", id, uri, headers, request, caller, body);
    }

    CompletionStage<Response> forward(String method, String id, UriInfo uri, HttpHeaders headers,
            HttpServletRequest request, SecurityContext caller, InputStream body) {
        var length = request.getContentLengthLong();
        var hasBody = body != null && (length > 0 || request.getHeader("Transfer-Encoding") != null);
        var incoming = new Forwarder.Incoming(method, uri.getPathParameters(false).getFirst("path"),
                uri.getRequestUri().getRawQuery(), headers.getRequestHeaders(), () -> body, length, hasBody,
                addresses.of(request), uri.getBaseUri());
        var prefix = Forwarder.prefix(id);
        return forwarder.forward((JsonWebToken) caller.getUserPrincipal(), id, incoming).thenApply(answer -> {
            var relayed = answer.relayed();
            var location = relayed.headers().firstValue("Location").map(value -> Forwarding.location(value,
                    answer.requested(), answer.baseUrl(), prefix, upstreams::isPublic).orElseThrow(() -> {
                        relayed.body().cancel();
                        return new Refusal(Kind.UPSTREAM_FAILED, "upstream_redirect", "The application redirected "
                                + "to an address that is not passed on to callers", null);
                    }));
            var answered = Response.status(relayed.status());
            Forwarding.answerHeaders(relayed.headers().map(), answered::header);
            location.ifPresent(value -> answered.header("Location", value));
            if (!method.equals("HEAD")) {
                answered.entity(relayed.body());
            } else {
                relayed.body().cancel();
            }
            return GatewayResource.limits(answered, answer.budget()).build();
        });
    }
}
