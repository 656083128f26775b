package torii.signin.control;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Redirect URIs with parameters added to their query, as RFC 6749 section 3.1.2 keeps a registered query. */
public final class Redirects {

    private Redirects() {
    }

    /** The URI with each non-null parameter appended, form-encoded. */
    public static String to(String uri, Map<String, String> params) {
        var built = new StringBuilder(uri);
        var separator = URI.create(uri).getRawQuery() == null ? '?' : '&';
        for (var param : params.entrySet()) {
            if (param.getValue() != null) {
                built.append(separator).append(param.getKey()).append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return built.toString();
    }

    /** An error response (RFC 6749 section 4.1.2.1) with the issuer (RFC 9207). */
    public static String error(String uri, AuthorizationError error, String state, String issuer) {
        var params = new LinkedHashMap<String, String>();
        params.put("error", error.error());
        params.put("error_description", error.getMessage());
        params.put("state", state);
        params.put("iss", issuer);
        return to(uri, params);
    }

    /** A successful response (RFC 6749 section 4.1.2) with the issuer (RFC 9207). */
    public static String code(String uri, String code, String state, String issuer) {
        var params = new LinkedHashMap<String, String>();
        params.put("code", code);
        params.put("state", state);
        params.put("iss", issuer);
        return to(uri, params);
    }
}
