package torii.apikeys.control;

import java.util.regex.Pattern;
import torii.platform.control.OpaqueValues;

/**
 * What an API key looks like: a fixed prefix, so that secret scanners find leaked ones and a bearer value is told from
 * a JWT at a glance, then 256 random bits in base64url. Only the SHA-256 of a key is stored: a key is far beyond
 * guessing, so a fast hash is enough, and checking one costs a hash and a map lookup.
 */
public interface KeyValues {

    String PREFIX = "torii_";
    Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    static String newKey() {
        return PREFIX + OpaqueValues.random(32);
    }

    /** Whether a bearer value is meant as an API key, whether or not it is a good one. */
    static boolean looksLikeKey(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /** Whether it could be a key at all: anything else is refused without a lookup. */
    static boolean wellFormed(String bearer) {
        return SHAPE.matcher(bearer).matches();
    }

    static String hash(String key) {
        return OpaqueValues.sha256(key);
    }
}
