package torii.signin.control;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The cookie by which a browser proves its login: never readable by scripts, sent on top-level navigations from other
 * sites (a client's redirect to /authorize) but not on their requests in the background, and only over HTTPS when the
 * service is reached by HTTPS. Its value is 256 random bits; the database keeps their hash.
 */
public final class LoginCookie {

    public static final String NAME = "torii_login";

    private LoginCookie() {
    }

    public static NewCookie of(String value, Duration lifetime, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()))
                .build();
    }

    /** What tells the browser to forget it. */
    public static NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(NAME).value("").path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }
}
