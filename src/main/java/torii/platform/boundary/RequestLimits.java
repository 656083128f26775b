package torii.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.platform.control.LimitedBody;

/**
 * Bounds every request before anything reads it: a body is counted as it is read, whatever its framing, and refused
 * with 413 as soon as it passes its limit ({@code torii.limits.body-bytes}, or {@code torii.limits.gateway-body-bytes}
 * under the gateway's {@code /v1}, where a conversation travels whole, and {@code /apps}, where files do), without reading the rest; a declared length
 * over the limit is refused before reading at all. A request target over {@code torii.limits.target-bytes} gets 414.
 * The error page answers them in the API's JSON shape; the connection is closed, so the rest of a body is never read.
 */
// Asynchronous requests (logins wait for the hashing pool) may pass only through filters that allow them.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLimits extends HttpFilter {

    @Inject
    @ConfigProperty(name = "torii.limits.body-bytes", defaultValue = "65536")
    long bodyBytes;

    @Inject
    @ConfigProperty(name = "torii.limits.gateway-body-bytes", defaultValue = "4194304")
    long gatewayBodyBytes;

    @Inject
    @ConfigProperty(name = "torii.limits.target-bytes", defaultValue = "8192")
    int targetBytes;

    @Override
    public void init() throws ServletException {
        if (bodyBytes < 1024 || gatewayBodyBytes < 1024 || targetBytes < 256) {
            throw new ServletException("torii.limits.body-bytes and torii.limits.gateway-body-bytes must be at least "
                    + "1024 and torii.limits.target-bytes at least 256; were " + bodyBytes + ", " + gatewayBodyBytes
                    + ", " + targetBytes);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length()) > targetBytes) {
            refuse(response, 414);
            return;
        }
        var framing = framing(request);
        if (framing != 0) {
            refuse(response, framing);
            return;
        }
        var uri = request.getRequestURI();
        var limit = uri.startsWith("/v1/") || uri.startsWith("/apps/") ? gatewayBodyBytes : bodyBytes;
        if (request.getContentLengthLong() > limit) {
            refuse(response, 413);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (IOException | ServletException | RuntimeException failure) {
            var status = ErrorMapper.bodyFailure(request);
            if (status == 0 || response.isCommitted()) {
                throw failure;
            }
            // The reader's failure escaped the application; the answer is the same as if the mapper had seen it.
            response.reset();
            refuse(response, status);
        }
    }

    /**
     * 0 when the request's framing is one this API takes; else the status to refuse it with. A transfer coding other
     * than chunked makes the body's length unknowable to Payara, which would read what follows as another request:
     * 400 when chunked is not the last coding, 501 for a coding before it (RFC 9112 section 6.1). A method that takes
     * no body (GET, HEAD, DELETE, OPTIONS) with one: 400.
     */
    static int framing(HttpServletRequest request) {
        var codings = request.getHeaders("Transfer-Encoding");
        var coding = new StringBuilder();
        while (codings.hasMoreElements()) {
            coding.append(coding.length() == 0 ? "" : ",").append(codings.nextElement());
        }
        var hasCoding = coding.length() > 0;
        if (hasCoding) {
            var parts = coding.toString().toLowerCase(java.util.Locale.ROOT).split(",");
            if (!parts[parts.length - 1].strip().equals("chunked")) {
                return 400;
            }
            if (parts.length > 1) {
                return 501;
            }
        }
        var withoutBody = switch (request.getMethod()) {
            case "GET", "HEAD", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
        return withoutBody && (hasCoding || request.getContentLengthLong() > 0) ? 400 : 0;
    }

    static void refuse(HttpServletResponse response, int status) throws IOException {
        // Whatever of the request is still on its way is not read: the connection ends with this answer.
        response.setHeader("Connection", "close");
        response.sendError(status);
    }

    /** The request with its body counted. */
    static class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedBody(super.getInputStream(), limit,
                        () -> setAttribute(ErrorMapper.BODY_TOO_LARGE, Boolean.TRUE),
                        failure -> setAttribute(ErrorMapper.BODY_UNREADABLE, failure));
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                var encoding = getCharacterEncoding();
                var charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }
}
