package torii.security.control;

import java.util.List;
import java.util.Optional;
import torii.platform.control.Challenges;

/** Reads the bearer token from the {@code Authorization} header (RFC 6750 section 2.1). */
public interface BearerTokenExtractor {

    /**
     * The token, or empty when there is no header or it names another scheme (so the caller is simply not authenticated).
     * The scheme name is matched case-insensitively (RFC 7235 section 2.1).
     */
    static Optional<String> extract(List<String> authorizationHeaders) {
        if (authorizationHeaders == null || authorizationHeaders.isEmpty()) {
            return Optional.empty();
        }
        if (authorizationHeaders.size() > 1) {
            throw Challenges.invalidRequest("More than one Authorization header");
        }
        var header = authorizationHeaders.get(0).strip();
        var space = header.indexOf(' ');
        var scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(space < 0 ? "" : header.substring(space + 1).strip());
    }
}
