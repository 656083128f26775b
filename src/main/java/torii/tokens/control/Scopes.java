package torii.tokens.control;

/** The scopes granted for a request: none are defined yet, so every token carries the empty scope. */
public interface Scopes {

    /** What a token may be granted; a request for more is granted what there is (RFC 6749 section 3.3). */
    static String grant(String requested) {
        return "";
    }
}
