package torii.apikeys.control;

import torii.platform.control.OpaqueValues;

/**
 * What an API key looks like: a fixed prefix, so that secret scanners find leaked ones and a bearer value is told from
 * a JWT at a glance, then 256 random bits in base64url. Only the SHA-256 of a key is stored: a key is far beyond
 * guessing, so a fast hash is enough, and checking one costs a hash and a map lookup.
 */
public interface KeyValues {

    String PREFIX = "torii_";
    /** The prefix and 43 characters of base64url. */
    int LENGTH = PREFIX.length() + 43;

    static String newKey() {
        return PREFIX + OpaqueValues.random(32);
    }

    /** Whether a bearer value is meant as an API key, whether or not it is a good one. */
    static boolean looksLikeKey(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /** Whether it could be a key at all: anything else is refused without a lookup. Checked by hand, on each call. */
    static boolean wellFormed(String bearer) {
        if (bearer.length() != LENGTH || !bearer.startsWith(PREFIX)) {
            return false;
        }
        for (var i = PREFIX.length(); i < LENGTH; i++) {
            var c = bearer.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String hash(String key) {
        return OpaqueValues.sha256(key);
    }
}
