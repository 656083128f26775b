package torii.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses requests far larger than any this API takes before anything reads them: a body over 64 KB (413; 4 MB for the
 * gateway's {@code /v1}, where a conversation travels whole) and a request target over 8 KB (414). The error page
 * answers them in the API's JSON shape.
 */
// Asynchronous requests (logins wait for the hashing pool) may pass only through filters that allow them.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLimits extends HttpFilter {

    static final long MAX_BODY_BYTES = 64 * 1024;
    static final long MAX_GATEWAY_BODY_BYTES = 4 * 1024 * 1024;
    static final int MAX_TARGET_LENGTH = 8 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var limit = request.getRequestURI().startsWith("/v1/") ? MAX_GATEWAY_BODY_BYTES : MAX_BODY_BYTES;
        if (request.getContentLengthLong() > limit) {
            response.sendError(413);
            return;
        }
        var query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length()) > MAX_TARGET_LENGTH) {
            response.sendError(414);
            return;
        }
        chain.doFilter(request, response);
    }
}
