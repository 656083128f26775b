package torii.errors.boundary;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Query parameters read as text and checked here: JAX-RS would answer a malformed number with 404 where 400 is right,
 * and would pick one of repeated parameters where refusing them is right.
 */
public interface QueryParameters {

    /** The query, each parameter at most once and without control characters; 400 naming the first one that is not. */
    static MultivaluedMap<String, String> of(UriInfo uri) {
        var query = uri.getQueryParameters();
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                throw invalid("Parameter " + name + " must not be repeated");
            }
            if (values.stream().anyMatch(value -> value != null && value.chars().anyMatch(Character::isISOControl))) {
                throw invalid("Parameter " + name + " must not contain control characters");
            }
        });
        return query;
    }

    /**
     * The day in the text (YYYY-MM-DD), the fallback when there is none, or 400 naming the parameter: a day outside
     * the range a database column can hold never reaches the database.
     */
    static LocalDate day(String name, String text, LocalDate fallback, LocalDate first, LocalDate last) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            var day = LocalDate.parse(text);
            if (!day.isBefore(first) && !day.isAfter(last)) {
                return day;
            }
        } catch (DateTimeParseException notADay) {
            // Answered below like a day out of range.
        }
        throw invalid(name + " must be a day as YYYY-MM-DD from " + first + " to " + last);
    }

    private static ApiException invalid(String description) {
        return new ApiException(400, "invalid_request", description, null);
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
        throw invalid(name + " must be a whole number from " + min + " to " + max);
    }
}
