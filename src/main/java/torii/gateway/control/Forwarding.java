package torii.gateway.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * The rules of passing a request on to an HTTP application and its answer back, as a reverse proxy does (RFC 9110
 * section 7.6): where it goes (below the application's base URL and never out of it), which headers travel (never the
 * hop-by-hop ones, never the caller's credentials or forwarding headers the caller made up), and where a redirect may
 * send the caller (never to the application's own address).
 */
public final class Forwarding {

    /** Hop-by-hop headers (RFC 9110 section 7.6.1) and those the HTTP client sets itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings");

    /** What only the gateway may say to the application: the caller's credentials and the forwarding headers. */
    static final Set<String> GATEWAY_ONLY = Set.of("authorization", "cookie2", "forwarded", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-prefix", "x-forwarded-port", "x-real-ip");

    private Forwarding() {
    }

    /**
     * The application's URL for the raw (still percent-encoded) path below it and the raw query: 400 when the path
     * would leave the base URL once decoded (a dot segment, an encoded slash or backslash), holds a NUL, or holds what
     * would end it (a raw question mark or number sign).
     */
    public static URI target(String baseUrl, String rawPath, String rawQuery) {
        var path = rawPath == null ? "" : rawPath;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        var lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || path.contains("\\")
                || path.contains("?") || path.contains("#")) {
            throw outside();
        }
        for (var segment : path.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                throw outside();
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                throw outside();
            }
        }
        var base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            var target = new URI(base + "/" + path + (rawQuery == null ? "" : "?" + rawQuery));
            if (target.getRawFragment() != null) {
                throw outside();
            }
            return target;
        } catch (URISyntaxException malformed) {
            throw outside();
        }
    }

    static Refusal outside() {
        return new Refusal(Kind.INVALID, "invalid_path", "The path must stay below the application: no dot segments, "
                + "encoded slashes, backslashes or NULs", null);
    }

    /** The caller's headers that travel on to the application, each value in order. */
    public static void requestHeaders(Map<String, List<String>> headers, String keyHeader,
            BiConsumer<String, String> to) {
        var dropped = dropped(headers);
        dropped.addAll(GATEWAY_ONLY);
        if (keyHeader != null) {
            dropped.add(keyHeader.toLowerCase(Locale.ROOT));
        }
        headers.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> to.accept(name, value));
            }
        });
    }

    /** The application's headers that travel back to the caller, each value in order; the location is rewritten apart. */
    public static void answerHeaders(Map<String, List<String>> headers, BiConsumer<String, String> to) {
        var dropped = dropped(headers);
        dropped.add("location");
        dropped.add(":status");
        headers.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> to.accept(name, value));
            }
        });
    }

    /** The hop-by-hop headers and every header the message's own Connection header names. */
    static Set<String> dropped(Map<String, List<String>> headers) {
        var dropped = new HashSet<>(HOP_BY_HOP);
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("connection")) {
                values.forEach(value -> {
                    for (var token : value.split(",")) {
                        dropped.add(token.strip().toLowerCase(Locale.ROOT));
                    }
                });
            }
        });
        return dropped;
    }

    /**
     * Where the caller is sent by the application's redirect: a location below the application's base URL becomes
     * the same place below {@code prefix} (the application's path on this service); one elsewhere on the
     * application's host, or on a host that is not public, is refused (empty), so that no caller learns or is sent
     * to an address inside the network; a public location elsewhere stays as it is.
     */
    public static Optional<String> location(String location, URI requested, String baseUrl, String prefix,
            java.util.function.Predicate<URI> isPublic) {
        URI resolved;
        try {
            resolved = requested.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
        var base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (resolved.getScheme() == null || resolved.getHost() == null) {
            return Optional.empty();
        }
        if (sameOrigin(resolved, base)) {
            var path = resolved.getRawPath() == null ? "" : resolved.getRawPath();
            var basePath = base.getRawPath();
            if (!(path + "/").startsWith(basePath)) {
                return Optional.empty();
            }
            var rest = path.length() >= basePath.length() ? path.substring(basePath.length()) : "";
            var query = resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery();
            var fragment = resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment();
            return Optional.of(prefix + "/" + rest + query + fragment);
        }
        if (resolved.getHost().equalsIgnoreCase(base.getHost()) || !isPublic.test(resolved)) {
            return Optional.empty();
        }
        return Optional.of(resolved.toString());
    }

    static boolean sameOrigin(URI one, URI other) {
        return one.getScheme().equalsIgnoreCase(other.getScheme()) && one.getHost().equalsIgnoreCase(other.getHost())
                && port(one) == port(other);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
