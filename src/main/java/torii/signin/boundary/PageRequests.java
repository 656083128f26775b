package torii.signin.boundary;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import torii.platform.control.Refusal;
import torii.platform.control.Refusal.Kind;

/** What the login page's own requests share: the query it carries, the origin it comes from, and redirects. */
final class PageRequests {

    /** Longer than any authorization request a browser sends in a URL to this service. */
    static final int MAX_QUERY = 8192;

    private PageRequests() {
    }

    /** The query string the page was served with, decoded as a browser encodes it; 400 if it is not one. */
    static MultivaluedMap<String, String> query(String query) {
        if (query == null) {
            throw Refusal.invalidParam("query", "is required");
        }
        if (query.length() > MAX_QUERY) {
            throw Refusal.invalidParam("query", "must be at most " + MAX_QUERY + " characters");
        }
        var params = new MultivaluedHashMap<String, String>();
        try {
            for (var pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    var equals = pair.indexOf('=');
                    params.add(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException malformed) {
            throw Refusal.invalidParam("query", "is not a URL-encoded query");
        }
        return params;
    }

    /**
     * A request with credentials or ending a login must come from a page of this service: a browser names the
     * origin of a script's request, and a page elsewhere cannot post JSON here without a preflight this service
     * does not answer.
     */
    static void sameOrigin(String origin, Set<String> ownOrigins) {
        if (origin != null && !ownOrigins.contains(origin)) {
            throw new Refusal(Kind.FORBIDDEN, "invalid_request", "Requests from other origins are refused", null);
        }
    }

    /** A redirect of a browser, never cached and telling the next page nothing of this one. */
    static Response redirect(String location) {
        return Response.status(Response.Status.FOUND).location(URI.create(location))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
