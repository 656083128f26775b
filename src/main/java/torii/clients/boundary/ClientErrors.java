package torii.clients.boundary;

import torii.errors.boundary.ApiException;

/** The answers to a client that failed to authenticate (RFC 6749 section 5.2). */
public interface ClientErrors {

    String BASIC_CHALLENGE = "Basic realm=\"torii\"";

    /** 401; with the Basic challenge when the client used the Authorization header, as the RFC requires. */
    static ApiException invalidClient(boolean viaHeader) {
        return new ApiException(401, "invalid_client", "Client authentication failed", viaHeader ? BASIC_CHALLENGE : null);
    }

    /** A caller that must authenticate and did not try: told how to. */
    static ApiException clientAuthenticationRequired() {
        return new ApiException(401, "invalid_client", "Client authentication required", BASIC_CHALLENGE);
    }

    static ApiException invalidRequest(String description) {
        return ApiException.oauth(400, "invalid_request", description);
    }
}
