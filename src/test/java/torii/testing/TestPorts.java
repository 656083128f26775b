package torii.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The fixed ports of a test run, all derived from {@code torii.it.fixed-port} so that builds side by side keep apart
 * by giving each its own: the generated-key server on it, the gateway's stub upstream on the next by default
 * ({@code torii.it.stub-port}), and the restart test's server two above it, published before Arquillian reads
 * arquillian.xml as {@code torii.it.restart-port}.
 */
public class TestPorts implements LauncherSessionListener {

    public static final String RESTART = "torii.it.restart-port";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        var fixed = System.getProperty("torii.it.fixed-port");
        if (fixed != null && System.getProperty(RESTART) == null) {
            System.setProperty(RESTART, String.valueOf(Integer.parseInt(fixed) + 2));
        }
    }

    /** The port of the server that the restart test deploys to and undeploys from by hand. */
    public static int restart() {
        return Integer.getInteger(RESTART, Integer.getInteger("torii.it.fixed-port") + 2);
    }
}
