package torii.clients.control;

import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/** The answers to a client that failed to authenticate (RFC 6749 section 5.2). */
public interface ClientErrors {

    String BASIC_CHALLENGE = "Basic realm=\"torii\"";

    /** 401; with the Basic challenge when the client used the Authorization header, as the RFC requires. */
    static Refusal invalidClient(boolean viaHeader) {
        return new Refusal(Kind.UNAUTHENTICATED, "invalid_client", "Client authentication failed", viaHeader ? BASIC_CHALLENGE : null);
    }

    /** A caller that must authenticate and did not try: told how to. */
    static Refusal clientAuthenticationRequired() {
        return new Refusal(Kind.UNAUTHENTICATED, "invalid_client", "Client authentication required", BASIC_CHALLENGE);
    }

    static Refusal invalidRequest(String description) {
        return Refusal.oauth(Kind.INVALID, "invalid_request", description);
    }
}
