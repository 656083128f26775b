package torii.apps.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Grantee;
import torii.platform.control.DemoMode;

/**
 * The demo applications exist only while demo mode is on: two echo applications, translator for johndoe and the
 * demo client {@code demo-service}, and summarizer for the admin group. A start without demo mode deletes them, and
 * their grants with them.
 */
@Startup
@Singleton
@DependsOn({"DemoUsers", "RegisteredClients"})
public class DemoApps {

    private static final Logger LOG = Logger.getLogger(DemoApps.class.getName());
    static final List<String> IDS = List.of("translator", "summarizer");
    /** The demo client of {@code RegisteredClients}. */
    static final String DEMO_CLIENT = "demo-service";

    @Inject
    DemoMode demo;

    @Inject
    Apps apps;

    @PostConstruct
    void create() {
        if (!demo.on()) {
            var deleted = apps.deleteDemo(IDS);
            if (!deleted.isEmpty()) {
                LOG.warning("Demo mode is off: the demo applications " + deleted + " are deleted");
            }
            return;
        }
        if (apps.createDemo(new App("translator", "Translator", "Translates between Japanese and English",
                Backend.ECHO, null, null))) {
            apps.grantUnlessGranted("translator", Grantee.USER, "johndoe");
        }
        // Also on a database whose translator is older than grants to clients.
        apps.grantUnlessGranted("translator", Grantee.CLIENT, DEMO_CLIENT);
        if (apps.createDemo(new App("summarizer", "Summarizer", "Summarizes long documents", Backend.ECHO, null,
                null))) {
            apps.grantUnlessGranted("summarizer", Grantee.GROUP, "admin");
        }
    }
}
