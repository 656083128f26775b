package torii.tokens.boundary;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A request to {@code /token}: the password grant as the FastAPI tutorial's {@code OAuth2PasswordRequestForm} takes
 * it ({@code grant_type} may be left out, {@code scope} and the client fields are accepted), or a refresh-token grant.
 */
public record TokenRequest(
        String grantType,
        String username,
        String password,
        String refreshToken,
        String scope,
        String clientId,
        String clientSecret) {

    static final String PASSWORD = "password";
    static final String REFRESH_TOKEN = "refresh_token";

    /** Checks the form in the order of RFC 6749 section 5.2: malformed request, then grant type, then fields. */
    static TokenRequest of(MultivaluedMap<String, String> form) {
        form = checked(form);
        var grantType = form.getFirst("grant_type");
        if (grantType == null || grantType.equals(PASSWORD)) {
            return new TokenRequest(PASSWORD, required(form, "username"), required(form, "password"), null,
                    form.getFirst("scope"), form.getFirst("client_id"), form.getFirst("client_secret"));
        }
        if (grantType.equals(REFRESH_TOKEN)) {
            return new TokenRequest(REFRESH_TOKEN, null, null, required(form, REFRESH_TOKEN), form.getFirst("scope"),
                    form.getFirst("client_id"), form.getFirst("client_secret"));
        }
        throw grantType.isEmpty()
                ? TokenErrors.invalidRequest("Parameter grant_type must not be empty")
                : TokenErrors.unsupportedGrantType("Only the password and refresh_token grant types are supported");
    }

    /**
     * The form, never null, with every parameter given once (RFC 6749 section 3.2), with a value (a name alone, as in
     * {@code username&password}, is no parameter a client meant to send), and without control characters.
     */
    static MultivaluedMap<String, String> checked(MultivaluedMap<String, String> form) {
        if (form == null) {
            // A POST without a body reaches here with no form at all.
            return new MultivaluedHashMap<>();
        }
        firstBreaking(form, values -> values.size() > 1, "must not be repeated");
        firstBreaking(form, values -> values.stream().anyMatch(Objects::isNull), "must have a value");
        firstBreaking(form, values -> values.stream().anyMatch(TokenRequest::hasControlCharacter),
                "must not contain control characters");
        return form;
    }

    /** 400 naming the first parameter, in alphabetical order, whose values break the rule. */
    static void firstBreaking(MultivaluedMap<String, String> form, Predicate<List<String>> breaks, String rule) {
        form.entrySet().stream().filter(parameter -> breaks.test(parameter.getValue())).map(Map.Entry::getKey)
                .sorted().findFirst().ifPresent(name -> {
                    throw TokenErrors.invalidRequest("Parameter " + printable(name) + " " + rule);
                });
    }

    /** A parameter's name as an error may quote it: any name can arrive, a JSON document sent as a form among them. */
    static String printable(String name) {
        var shown = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return name.length() > 64 ? shown + "…" : shown;
    }

    /**
     * No parameter of this endpoint may hold one (RFC 6749 appendix A: usernames and passwords are UNICODECHARNOCRLF,
     * which allows only the tab; the others are printable ASCII). Refused before anything is looked up or recorded, as
     * some databases cannot store a NUL at all.
     */
    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }

    static String required(MultivaluedMap<String, String> form, String name) {
        var value = form.getFirst(name);
        if (value == null || value.isEmpty()) {
            throw TokenErrors.invalidRequest("Missing parameter: " + name);
        }
        return value;
    }

    /** Never prints the password, the refresh token or the client secret. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + ", scope=" + scope
                + ", clientId=" + clientId + "]";
    }
}
