package torii.platform.boundary;

import jakarta.ws.rs.core.Response;

/** The headers of the service's own pages, the chat at {@code /} and the console at {@code /admin}: one policy for both. */
public final class Pages {

    /**
     * Scripts and styles from this origin only, never inline, so that text injected into a page cannot run; a page
     * talks to this origin only, submits no form natively (a sign-in without its script must not put the password in
     * a URL), and is never framed.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private Pages() {
    }

    /** The page with the policy, and without a referrer for the links it holds. */
    public static Response.ResponseBuilder lockedDown(Response.ResponseBuilder page) {
        return page.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("Referrer-Policy", "no-referrer");
    }
}
