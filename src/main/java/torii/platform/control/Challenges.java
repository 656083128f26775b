package torii.platform.control;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.platform.control.Refusal.Kind;

/** The answers to a caller who is not, or may not be, let in, worded as the FastAPI tutorial words them. */
public interface Challenges {

    static Refusal notAuthenticated() {
        return new Refusal(Kind.UNAUTHENTICATED, null, "Not authenticated", "Bearer");
    }

    static Refusal invalidToken() {
        return new Refusal(Kind.UNAUTHENTICATED, null, "Could not validate credentials", "Bearer error=\"invalid_token\"");
    }

    /** RFC 6750 section 3.1: more than one way of sending a token, or a malformed header. */
    static Refusal invalidRequest(String description) {
        return new Refusal(Kind.INVALID, "invalid_request", description, "Bearer error=\"invalid_request\"");
    }

    static Refusal inactiveUser() {
        return new Refusal(Kind.INVALID, null, "Inactive user", null);
    }

    /** RFC 6750 section 3.1, with the FastAPI tutorial's detail; the tutorial answers 401 where the RFC says 403. */
    static Refusal insufficientScope(String scope) {
        return new Refusal(Kind.FORBIDDEN, null, "Not enough permissions",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    static Refusal forbidden() {
        return new Refusal(Kind.FORBIDDEN, null, "Not enough permissions", null);
    }

    /** 401 without a token, 403 with the challenge naming them when the token lacks any of the scopes. */
    static void requireScopes(Principal caller, Set<String> scopes) {
        if (!(caller instanceof JsonWebToken token)) {
            throw notAuthenticated();
        }
        if (!Scope.of(token).containsAll(scopes)) {
            throw insufficientScope(String.join(" ", new TreeSet<>(scopes)));
        }
    }
}
