package torii.platform.control;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A set of scopes (RFC 6749 section 3.3), written as space-separated scope tokens: {@code me}, {@code items},
 * {@code admin} and {@code app:<id>}. Tokens carry it in the {@code scope} claim (RFC 9068).
 */
public record Scope(Set<String> values) {

    /** The name of the OAuth 2.0 password-flow scheme in the OpenAPI document, which protected operations require. */
    public static final String SCHEME = "OAuth2PasswordBearer";
    public static final String CLAIM = "scope";
    public static final String ME = "me";
    public static final String ITEMS = "items";
    public static final String ADMIN = "admin";
    public static final String APP_PREFIX = "app:";
    /** OpenID Connect's: an ID token, and the user's name and groups, and e-mail address, in it and at /userinfo. */
    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    /** The scopes of OpenID Connect, granted only when asked for by name. */
    public static final Set<String> IDENTITY = Set.of(OPENID, PROFILE, EMAIL);
    /** The scopes that exist whatever applications are registered. */
    public static final List<String> NAMED = List.of(ME, ITEMS, ADMIN, OPENID, PROFILE, EMAIL);

    /** RFC 6749 section 3.3: printable ASCII except space, the double quote and the backslash. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    public Scope {
        values = Set.copyOf(values);
    }

    /** The scope as a client asks for it; empty if the text is blank, null if a scope token is malformed. */
    public static Scope parse(String text) {
        var tokens = text == null || text.isBlank() ? new String[0] : text.strip().split(" +");
        if (!Arrays.stream(tokens).allMatch(token -> TOKEN.matcher(token).matches())) {
            return null;
        }
        return new Scope(Set.of(Arrays.stream(tokens).distinct().toArray(String[]::new)));
    }

    /** The scope a verified token carries; none if it has no scope claim. */
    public static Scope of(JsonWebToken token) {
        var claim = token.getClaim(CLAIM);
        var parsed = claim instanceof String text ? parse(text) : null;
        return parsed == null ? new Scope(Set.of()) : parsed;
    }

    public static String app(String appId) {
        return APP_PREFIX + appId;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean containsAll(Set<String> required) {
        return values.containsAll(required);
    }

    /** What of this requested scope may be granted: those of its scopes that are also allowed. */
    public Scope within(Scope allowed) {
        return new Scope(values.stream().filter(allowed.values::contains).collect(Collectors.toSet()));
    }

    /** This scope without OpenID Connect's scopes. */
    public Scope withoutIdentity() {
        return new Scope(values.stream().filter(value -> !IDENTITY.contains(value)).collect(Collectors.toSet()));
    }

    /** Sorted, so that the same scope is always written the same way. */
    @Override
    public String toString() {
        return String.join(" ", new TreeSet<>(values));
    }
}
