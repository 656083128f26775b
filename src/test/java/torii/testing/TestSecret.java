package torii.testing;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes a fresh HS256 secret for each test run, before any container starts: arquillian.xml hands it to Payara Micro
 * as {@code torii.token.secret}, and tests use it to build tokens the server must accept or refuse.
 */
public class TestSecret implements LauncherSessionListener {

    public static final String PROPERTY = "torii.test.secret";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(PROPERTY) == null) {
            var bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            // 64 characters: long enough for HS512 too, which tests use as a disallowed algorithm.
            System.setProperty(PROPERTY, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
    }

    public static String value() {
        var secret = System.getProperty(PROPERTY);
        if (secret == null) {
            throw new IllegalStateException(PROPERTY + " is not set; is " + TestSecret.class.getName() + " registered?");
        }
        return secret;
    }
}
