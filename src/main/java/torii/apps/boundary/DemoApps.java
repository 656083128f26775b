package torii.apps.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Grantee;

/**
 * The demo applications exist only while demo mode is on: two echo applications, translator for johndoe and
 * summarizer for the admin group. A start without demo mode deletes them, and their grants with them.
 */
@Startup
@Singleton
@DependsOn("DemoUsers")
public class DemoApps {

    private static final Logger LOG = Logger.getLogger(DemoApps.class.getName());
    static final List<String> IDS = List.of("translator", "summarizer");

    @Inject
    @ConfigProperty(name = "torii.demo", defaultValue = "false")
    boolean demo;

    @Inject
    Apps apps;

    @PostConstruct
    void create() {
        if (!demo) {
            var deleted = apps.deleteDemo(IDS);
            if (!deleted.isEmpty()) {
                LOG.warning("Demo mode is off: the demo applications " + deleted + " are deleted");
            }
            return;
        }
        if (apps.createDemo(new App("translator", "Translator", "Translates between Japanese and English",
                Backend.ECHO, null, null))) {
            apps.grant("translator", Grantee.USER, "johndoe");
        }
        if (apps.createDemo(new App("summarizer", "Summarizer", "Summarizes long documents", Backend.ECHO, null,
                null))) {
            apps.grant("summarizer", Grantee.GROUP, "admin");
        }
    }
}
