package torii.clients.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import torii.platform.control.OpaqueValues;

/**
 * Who a request says its client is (RFC 6749 section 2.3.1): HTTP Basic with the form-encoded client id and secret
 * ({@code client_secret_basic}), or {@code client_id} and {@code client_secret} in the form
 * ({@code client_secret_post}), never both. Empty values count as absent, as the FastAPI tutorial's form sends them.
 */
public record ClientCredentials(String clientId, String secret, boolean viaHeader) {

    /** Reads the credentials; a client id of null means the request named no client. */
    public static ClientCredentials of(List<String> authorizationHeaders, String formClientId, String formSecret) {
        var basic = basic(authorizationHeaders);
        var formId = blankToNull(formClientId);
        var formSecretGiven = blankToNull(formSecret);
        if (basic == null) {
            return new ClientCredentials(formId, formSecretGiven, false);
        }
        if (formSecretGiven != null) {
            throw ClientErrors.invalidRequest("Client credentials must be sent one way only");
        }
        if (formId != null && !formId.equals(basic.clientId())) {
            throw ClientErrors.invalidRequest("client_id differs from the client authenticated");
        }
        return basic;
    }

    static ClientCredentials basic(List<String> headers) {
        if (headers == null || headers.size() != 1) {
            return null;
        }
        var header = headers.get(0).strip();
        var space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            return null;
        }
        try {
            var decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()),
                    StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ClientErrors.invalidClient(true);
            }
            var id = blankToNull(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
            var secret = blankToNull(URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            if (id == null && secret == null) {
                // Swagger UI sends its empty client fields this way by default: no client named, as in the form.
                return null;
            }
            if (id == null) {
                throw ClientErrors.invalidClient(true);
            }
            return new ClientCredentials(id, secret, true);
        } catch (IllegalArgumentException malformed) {
            throw ClientErrors.invalidClient(true);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** What is stored of a secret: base64url of its SHA-256, enough for secrets that are long random strings. */
    public static String hash(String secret) {
        return OpaqueValues.sha256(secret);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", viaHeader=" + viaHeader + "]";
    }
}
