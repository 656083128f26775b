package torii.apps.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Grantee;

/** In demo mode, two echo applications: translator for johndoe, summarizer for the admin group. */
@Startup
@Singleton
@DependsOn("DemoUsers")
public class DemoApps {

    @Inject
    @ConfigProperty(name = "torii.demo", defaultValue = "false")
    boolean demo;

    @Inject
    Apps apps;

    @PostConstruct
    void create() {
        if (!demo || !apps.all().isEmpty()) {
            return;
        }
        apps.create(new App("translator", "Translator", "Translates between Japanese and English", Backend.ECHO,
                null, null));
        apps.create(new App("summarizer", "Summarizer", "Summarizes long documents", Backend.ECHO, null, null));
        apps.grant("translator", Grantee.USER, "johndoe");
        apps.grant("summarizer", Grantee.GROUP, "admin");
    }
}
