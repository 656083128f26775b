package torii.platform.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The error shape of OpenAI's API, {@code {"error": {"message", "type", "param", "code"}}}, which OpenAI client
 * libraries turn into their own exceptions; the gateway under {@code /v1} answers every error so.
 */
public record OpenAiError(Detail error) {

    /** A budget of tokens spent: OpenAI's code and type for a spent quota. */
    public static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    /** The path prefix under which errors take this shape. */
    static final String PREFIX = "v1";

    /** The inner object; null fields are left out. */
    @JsonbPropertyOrder({"message", "type", "param", "code"})
    public record Detail(String message, String type, String param, String code) {
    }

    /** Whether the path, with or without its leading slash, lies under the gateway. */
    public static boolean applies(String path) {
        var relative = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(PREFIX) || relative.startsWith(PREFIX + "/");
    }

    /** The same error as OpenAI would word it: its type follows from the status, its code from the error code. */
    public static OpenAiError of(int status, ErrorBody body, String param) {
        var message = body.error_description() != null ? body.error_description() : body.detail();
        return new OpenAiError(new Detail(message, type(status, body.error()), param, code(status, body.error())));
    }

    /** As OpenAI types them; a spent budget has a type of its own, as OpenAI's spent quota has. */
    static String type(int status, String error) {
        if (INSUFFICIENT_QUOTA.equals(error)) {
            return INSUFFICIENT_QUOTA;
        }
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    static String code(int status, String error) {
        if (error != null) {
            return error;
        }
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "insufficient_scope";
            default -> null;
        };
    }

    /** The body an error answers with on this path: this shape under the gateway, the API's own elsewhere. */
    public static Object body(String path, int status, ErrorBody body, String param) {
        return applies(path) ? of(status, body, param) : body;
    }
}
