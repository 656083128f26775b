package torii.clients.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import torii.platform.control.Refusal;

/**
 * A client's registered redirect URIs (RFC 6749 section 3.1.2) and how a requested one is matched: by exact string
 * comparison (RFC 9700 section 4.1.3), never by prefix or pattern.
 * <p>A registered value that starts with {@code /} names a page of this service (the chat page, the console, Swagger
 * UI): it matches a redirect URI with that path and no query on the origin the browser reached the service at, or on
 * the issuer's. A browser cannot be made to send another origin's name to this service, so such a code stays here.
 * <p>Anything else must be an absolute URI without a fragment: {@code https}, {@code http} on a loopback host only
 * (RFC 8252 section 8.3), or a private-use scheme with a dot in it for a native app (RFC 8252 section 7.1).
 */
public final class RedirectUris {

    /** Enough for a client's environments; a list longer than this is a mistake, or an attack on the matching. */
    public static final int MAX_COUNT = 10;
    public static final int MAX_LENGTH = 512;
    static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");

    private RedirectUris() {
    }

    /** The list checked, without duplicates; refused with the first problem, named after the field. */
    public static List<String> checked(List<String> uris, String field) {
        if (uris == null) {
            return List.of();
        }
        if (uris.size() > MAX_COUNT) {
            throw Refusal.invalidParam(field, "at most " + MAX_COUNT + " redirect URIs");
        }
        var kept = new LinkedHashSet<String>();
        for (var uri : uris) {
            var problem = problem(uri);
            if (problem != null) {
                throw Refusal.invalidParam(field, problem);
            }
            kept.add(uri);
        }
        return new ArrayList<>(kept);
    }

    /** What is wrong with a URI to register, or null. */
    static String problem(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH) {
            return "a redirect URI has 1 to " + MAX_LENGTH + " characters";
        }
        if (uri.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            return "a redirect URI is printable ASCII without spaces";
        }
        if (uri.startsWith("/")) {
            return uri.startsWith("//") || uri.contains("?") || uri.contains("#") ? "a page of this service is a path"
                    : null;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "not a URI: " + uri;
        }
        if (!parsed.isAbsolute() || parsed.getRawFragment() != null) {
            return "a redirect URI is absolute and has no fragment (RFC 6749 section 3.1.2)";
        }
        var scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return parsed.getHost() == null ? "an https redirect URI names a host" : null;
        }
        if (scheme.equals("http")) {
            return parsed.getHost() != null && LOOPBACK.contains(parsed.getHost().toLowerCase(Locale.ROOT)) ? null
                    : "http is allowed for loopback hosts only; use https";
        }
        return scheme.contains(".") ? null
                : "a native app's scheme is a reversed domain name, such as com.example.app (RFC 8252 section 7.1)";
    }

    /**
     * Whether the requested URI is one of the registered: the same string, or a page of this service on one of its
     * origins ({@code scheme://host[:port]}, without a trailing slash).
     */
    public static boolean matches(List<String> registered, String requested, Set<String> ownOrigins) {
        if (requested == null || requested.length() > MAX_LENGTH) {
            return false;
        }
        for (var uri : registered) {
            if (uri.startsWith("/")) {
                if (ownOrigins.stream().anyMatch(origin -> requested.equals(origin + uri))) {
                    return true;
                }
            } else if (uri.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    /** The stored form: one space between URIs, which cannot hold one. */
    public static String join(List<String> uris) {
        return uris.isEmpty() ? null : String.join(" ", uris);
    }

    public static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(" "));
    }
}
