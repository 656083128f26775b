package torii.errors.boundary;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Query parameters read as text and checked here: JAX-RS would answer a malformed number with 404 where 400 is right,
 * and would pick one of repeated parameters where refusing them is right.
 */
public interface QueryParameters {

    /** The query, each parameter at most once; 400 naming the first one repeated. */
    static MultivaluedMap<String, String> of(UriInfo uri) {
        var query = uri.getQueryParameters();
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                throw new ApiException(400, "invalid_request", "Parameter " + name + " must not be repeated", null);
            }
        });
        return query;
    }

    /** The whole number in the text, the fallback when there is none, or 400 naming the parameter and its range. */
    static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            var value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below like a number out of range.
        }
        throw new ApiException(400, "invalid_request", name + " must be a whole number from " + min + " to " + max,
                null);
    }
}
