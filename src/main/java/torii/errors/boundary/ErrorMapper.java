package torii.errors.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into the JSON error shape (OpenAI's under the gateway's {@code /v1}); unexpected ones are logged
 * and never shown to the client.
 */
@Provider
@ApplicationScoped
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
    /**
     * The request attribute set once a request's body has gone past its limit: whatever the reader made of the cut
     * body (a parse error, an I/O failure), the answer is 413.
     */
    public static final String BODY_TOO_LARGE = "torii.body-too-large";
    /** The request attribute holding the failure of a body that could not be read: it stopped arriving, or broke. */
    public static final String BODY_UNREADABLE = "torii.body-unreadable";

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable exception) {
        var broken = bodyFailure(request);
        if (broken != 0) {
            // The rest of the body is not read: the connection ends with this answer.
            return Response.fromResponse(respond(uri, broken, bodyError(broken), null, null))
                    .header("Connection", "close").build();
        }
        // Work finished on another thread (a login on the hashing pool) arrives wrapped.
        if (exception instanceof CompletionException wrapped && wrapped.getCause() != null) {
            return toResponse(wrapped.getCause());
        }
        if (exception instanceof ApiException api) {
            var response = respond(uri, api.status(), api.body(), api.param(), api.challenge());
            if (api.retryAfter() != null) {
                response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, api.retryAfter());
            }
            return response;
        }
        if (exception instanceof WebApplicationException web) {
            // Keep what the runtime set (Allow on 405, for one) and replace only the body.
            var original = web.getResponse();
            var status = original.getStatusInfo();
            var reason = Objects.requireNonNullElse(status.getReasonPhrase(), "Error");
            // A body the runtime could not read is a malformed request in OAuth's terms (RFC 6749 5.2, RFC 6750 3.1).
            var body = status.getStatusCode() == 400 || status.getStatusCode() == 415
                    ? ErrorBody.oauth("invalid_request", reason)
                    : ErrorBody.detail(reason);
            return Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(OpenAiError.body(uri.getPath(), status.getStatusCode(), body, null)).build();
        }
        if (exception instanceof UnsupportedCharsetException || exception instanceof IllegalCharsetNameException) {
            // Thrown by the runtime while reading a body whose Content-Type names a charset it does not know.
            return respond(uri, 415, ErrorBody.oauth("invalid_request", "Unsupported charset"), null, null);
        }
        if (exception instanceof ProcessingException && causedByJson(exception)) {
            // Thrown by the runtime for a JSON body that does not parse or does not fit the expected record.
            return respond(uri, 400, ErrorBody.oauth("invalid_request", "Malformed JSON body"), null, null);
        }
        LOG.log(Level.SEVERE, "Unexpected failure", exception);
        return respond(uri, 500, ErrorBody.detail("Internal Server Error"), null, null);
    }

    /**
     * The status for a request whose body could not be read whole: 413 past its limit, 408 when it stopped arriving,
     * 400 when its framing broke; 0 when it was read, or not at all.
     */
    public static int bodyFailure(HttpServletRequest request) {
        if (request == null) {
            return 0;
        }
        if (request.getAttribute(BODY_TOO_LARGE) != null) {
            return 413;
        }
        if (request.getAttribute(BODY_UNREADABLE) instanceof Throwable failure) {
            for (var cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                    return 408;
                }
            }
            return 400;
        }
        return 0;
    }

    static ErrorBody bodyError(int status) {
        return switch (status) {
            case 413 -> ErrorBody.detail(Response.Status.REQUEST_ENTITY_TOO_LARGE.getReasonPhrase());
            case 408 -> ErrorBody.detail("The request body stopped arriving");
            default -> ErrorBody.oauth("invalid_request", "The request body could not be read");
        };
    }

    static boolean causedByJson(Throwable exception) {
        for (var cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return true;
            }
        }
        return false;
    }

    static Response respond(UriInfo uri, int status, ErrorBody body, String param, String challenge) {
        var response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(OpenAiError.body(uri.getPath(), status, body, param));
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.build();
    }
}
