package torii.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import torii.platform.control.ErrorBody;
import torii.platform.control.OpenAiError;

/**
 * The error page of the web application (see web.xml): answers errors raised by the servlet container itself in the
 * same JSON shape as the API, whatever the method of the request that failed.
 */
@WebServlet("/error")
public class ErrorPage extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly rather than as an error page, there is nothing here.
        var status = code instanceof Integer given ? given : 404;
        var reason = Response.Status.fromStatusCode(status);
        var body = ErrorBody.detail(reason == null ? "Error" : reason.getReasonPhrase());
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        var path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        response.getWriter().write(JSON.toJson(OpenAiError.body(path, status, body, null)));
    }
}
