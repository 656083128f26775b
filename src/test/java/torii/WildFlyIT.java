package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import torii.testing.Api;

/**
 * What WildFly has beyond the black-box tests that run on it too: the subsystems that server-config/wildfly/torii.cli
 * adds answer on the server, with the WAR deployed.
 */
class WildFlyIT extends ApplicationServerChecks {

    /** The management interface: torii.testing.WildFly puts it three ports after torii.it.fixed-port. */
    static final Api MANAGEMENT = new Api(java.net.URI.create("http://127.0.0.1:"
            + (Integer.getInteger("torii.it.fixed-port") + 3) + "/"));

    @Test
    void microProfileHealthAnswersOnTheManagementPort() {
        for (var path : new String[] {"health/live", "health/ready", "health/started"}) {
            var reply = MANAGEMENT.get(path);
            assertEquals(200, reply.status(), path + ": " + reply.body());
            assertEquals("UP", reply.json().getString("status"), path);
        }
    }

    /** Undertow refuses these before the WAR sees them, with its own HTML page rather than the API's JSON. */
    @Test
    void filesOfTheWarAreNotServed() {
        for (var path : new String[] {"WEB-INF/web.xml", "WEB-INF/jboss-web.xml", "META-INF/MANIFEST.MF"}) {
            var reply = api.get(path);
            assertEquals(404, reply.status(), path);
            assertFalse(reply.body().contains("<web-app") || reply.body().contains("context-root")
                    || reply.body().contains("Manifest-Version"), path);
        }
    }

    @Test
    void serverMetricsAreServedInPrometheusText() {
        var reply = MANAGEMENT.get("metrics");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("# TYPE "), "Prometheus text exposition");
    }
}
