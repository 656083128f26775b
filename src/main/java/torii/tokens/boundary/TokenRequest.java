package torii.tokens.boundary;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;

/**
 * A password-grant request to {@code /token}, as the FastAPI tutorial's {@code OAuth2PasswordRequestForm} takes it:
 * {@code grant_type} may be left out, {@code scope} and the client fields are accepted.
 */
public record TokenRequest(
        String grantType,
        String username,
        String password,
        String scope,
        String clientId,
        String clientSecret) {

    static final String PASSWORD = "password";

    /** Checks the form in the order of RFC 6749 section 5.2: malformed request, then grant type, then fields. */
    static TokenRequest of(MultivaluedMap<String, String> form) {
        if (form == null) {
            // A POST without a body reaches here with no form at all.
            form = new MultivaluedHashMap<>();
        }
        form.entrySet().stream()
                .filter(parameter -> parameter.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .ifPresent(name -> {
                    throw TokenErrors.invalidRequest("Parameter " + name + " must not be repeated");
                });
        var grantType = form.getFirst("grant_type");
        if (grantType != null && !grantType.equals(PASSWORD)) {
            throw grantType.isEmpty()
                    ? TokenErrors.invalidRequest("Parameter grant_type must not be empty")
                    : TokenErrors.unsupportedGrantType("Only the password grant type is supported");
        }
        return new TokenRequest(PASSWORD, required(form, "username"), required(form, "password"),
                form.getFirst("scope"), form.getFirst("client_id"), form.getFirst("client_secret"));
    }

    static String required(MultivaluedMap<String, String> form, String name) {
        var value = form.getFirst(name);
        if (value == null || value.isEmpty()) {
            throw TokenErrors.invalidRequest("Missing parameter: " + name);
        }
        return value;
    }

    /** Never prints the password or the client secret. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + ", scope=" + scope
                + ", clientId=" + clientId + "]";
    }
}
