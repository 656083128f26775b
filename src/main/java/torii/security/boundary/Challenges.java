package torii.security.boundary;

import torii.errors.boundary.ApiException;

/** The answers to a caller who is not, or may not be, let in, worded as the FastAPI tutorial words them. */
public interface Challenges {

    static ApiException notAuthenticated() {
        return new ApiException(401, null, "Not authenticated", "Bearer");
    }

    static ApiException invalidToken() {
        return new ApiException(401, null, "Could not validate credentials", "Bearer error=\"invalid_token\"");
    }

    /** RFC 6750 section 3.1: more than one way of sending a token, or a malformed header. */
    static ApiException invalidRequest(String description) {
        return new ApiException(400, "invalid_request", description, "Bearer error=\"invalid_request\"");
    }

    static ApiException inactiveUser() {
        return new ApiException(400, null, "Inactive user", null);
    }

    /** RFC 6750 section 3.1, with the FastAPI tutorial's detail; the tutorial answers 401 where the RFC says 403. */
    static ApiException insufficientScope(String scope) {
        return new ApiException(403, null, "Not enough permissions",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    static ApiException forbidden() {
        return new ApiException(403, null, "Not enough permissions", null);
    }
}
