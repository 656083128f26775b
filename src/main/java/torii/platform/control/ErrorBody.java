package torii.platform.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The one error shape: {@code detail} as FastAPI clients read it, plus the OAuth 2.0 fields where OAuth defines the
 * error. Null fields are left out of the JSON; components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"error", "error_description", "detail"})
public record ErrorBody(String error, String error_description, String detail) {

    public static ErrorBody detail(String detail) {
        return new ErrorBody(null, null, detail);
    }

    public static ErrorBody oauth(String error, String description) {
        return new ErrorBody(error, description, description);
    }
}
