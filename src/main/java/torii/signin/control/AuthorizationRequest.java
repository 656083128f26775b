package torii.signin.control;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import torii.platform.control.Scope;
import torii.tokens.control.CodeRules;
import torii.tokens.entity.AuthorizationCode;

/**
 * An authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OpenID Connect Core section 3.1.2.1) once
 * its client and redirect URI are known to be good, so that any other problem is told to the client by redirect.
 * {@code prompt} and {@code max_age} say when a login must be asked for even if the browser has one.
 */
public record AuthorizationRequest(String clientId, String redirectUri, Scope scope, String state, String challenge,
        String nonce, Set<String> prompt, Long maxAge, String loginHint) {

    /** Long enough for any client's state; bounded because it travels back in a URL. */
    public static final int MAX_STATE = 1024;
    static final int MAX_LOGIN_HINT = 255;
    static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    /** The parameters that must be sent once each (RFC 6749 section 3.1). */
    static final List<String> SINGLE = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method", "nonce", "prompt", "max_age", "login_hint", "response_mode");

    /** The client and redirect URI, which must be checked before anything is told by redirect. */
    public record Target(String clientId, String redirectUri, String state) {
    }

    /** The client and redirect URI named once each; a state is carried back if it can be. */
    public static Target target(MultivaluedMap<String, String> params) {
        var clientId = params.get("client_id");
        var redirectUri = params.get("redirect_uri");
        if (clientId == null || clientId.size() != 1 || clientId.get(0).isEmpty()) {
            throw AuthorizationError.unredirectable("client_id is required, once");
        }
        if (redirectUri == null || redirectUri.size() != 1 || redirectUri.get(0).isEmpty()) {
            // OpenID Connect Core section 3.1.2.1 requires it; so does this service of every client.
            throw AuthorizationError.unredirectable("redirect_uri is required, once");
        }
        var state = params.get("state");
        return new Target(clientId.get(0), redirectUri.get(0),
                state != null && state.size() == 1 && state.get(0).length() <= MAX_STATE ? state.get(0) : null);
    }

    /** The rest of the request, checked; an {@link AuthorizationError} to redirect with otherwise. */
    public static AuthorizationRequest of(Target target, MultivaluedMap<String, String> params) {
        for (var name : SINGLE) {
            var values = params.get(name);
            if (values != null && values.size() > 1) {
                throw AuthorizationError.invalidRequest(name + " must be sent once");
            }
        }
        if (params.containsKey("request")) {
            throw new AuthorizationError("request_not_supported", "Request objects are not supported");
        }
        if (params.containsKey("request_uri")) {
            throw new AuthorizationError("request_uri_not_supported", "Request objects are not supported");
        }
        var responseType = params.getFirst("response_type");
        if (responseType == null || responseType.isEmpty()) {
            throw AuthorizationError.invalidRequest("response_type is required");
        }
        if (!responseType.equals("code")) {
            throw new AuthorizationError("unsupported_response_type", "Only response_type=code is supported");
        }
        var responseMode = params.getFirst("response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            throw AuthorizationError.invalidRequest("Only response_mode=query is supported");
        }
        var state = params.getFirst("state");
        if (state != null && state.length() > MAX_STATE) {
            throw AuthorizationError.invalidRequest("state must be at most " + MAX_STATE + " characters");
        }
        var challenge = params.getFirst("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            throw AuthorizationError.invalidRequest("code_challenge is required (PKCE, RFC 7636)");
        }
        if (!"S256".equals(params.getFirst("code_challenge_method"))) {
            throw AuthorizationError.invalidRequest("transform algorithm not supported: code_challenge_method must be S256");
        }
        if (!CodeRules.CHALLENGE.matcher(challenge).matches()) {
            throw AuthorizationError.invalidRequest("code_challenge must be the 43 characters of an S256 challenge");
        }
        var scope = Scope.parse(params.getFirst("scope"));
        if (scope == null) {
            throw new AuthorizationError("invalid_scope", "Scopes are separated by spaces and use printable ASCII only");
        }
        var nonce = params.getFirst("nonce");
        if (nonce != null && (nonce.isEmpty() || nonce.length() > AuthorizationCode.MAX_NONCE)) {
            throw AuthorizationError.invalidRequest("nonce must be 1 to " + AuthorizationCode.MAX_NONCE + " characters");
        }
        var prompt = prompt(params.getFirst("prompt"));
        var loginHint = params.getFirst("login_hint");
        if (loginHint != null && loginHint.length() > MAX_LOGIN_HINT) {
            throw AuthorizationError.invalidRequest("login_hint must be at most " + MAX_LOGIN_HINT + " characters");
        }
        return new AuthorizationRequest(target.clientId(), target.redirectUri(), scope, state, challenge, nonce, prompt,
                maxAge(params.getFirst("max_age")), loginHint);
    }

    static Set<String> prompt(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        var values = Arrays.stream(text.strip().split(" +")).collect(Collectors.toSet());
        if (!PROMPTS.containsAll(values)) {
            throw AuthorizationError.invalidRequest("prompt takes none, login, consent and select_account");
        }
        if (values.contains("none") && values.size() > 1) {
            throw AuthorizationError.invalidRequest("prompt=none goes with no other value");
        }
        return values;
    }

    static Long maxAge(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.matches("[0-9]{1,10}")) {
            throw AuthorizationError.invalidRequest("max_age is a number of seconds");
        }
        return Long.valueOf(text);
    }

    public boolean promptsNone() {
        return prompt.contains("none");
    }

    /** Whether the user must give their password again whatever login the browser has. */
    public boolean promptsLogin() {
        return prompt.contains("login");
    }
}
