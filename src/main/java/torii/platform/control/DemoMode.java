package torii.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Whether the service runs in demo mode ({@code torii.demo}), with its well-known accounts, applications and client. */
@ApplicationScoped
public class DemoMode {

    @Inject
    @ConfigProperty(name = "torii.demo", defaultValue = "false")
    boolean on;

    public boolean on() {
        return on;
    }
}
