package torii.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import torii.health.control.HealthSettings;
import torii.health.control.Probe;

/** Ready only while the database answers within the probe's time. */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    static final String NAME = "database";

    @Inject
    Database database;

    @Inject
    HealthSettings settings;

    @Resource
    ManagedExecutorService executor;

    private final Probe<Boolean> probe = new Probe<>();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME);
        try {
            return response.status(probe.await(executor, database::answers, settings.timeoutMillis())).build();
        } catch (TimeoutException slow) {
            return response.down().withData("reason", "no answer within " + settings.timeoutMillis() + " ms").build();
        } catch (Exception failed) {
            return response.down().withData("reason", Probe.reason(failed)).build();
        }
    }
}
