package torii.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import torii.cluster.boundary.Cluster;
import torii.health.control.HealthSettings;
import torii.health.control.Probe;

/**
 * Ready only while the data grid that instances share is usable, where the server offers one (Payara's JCache cache
 * manager). Without one (Payara Micro with --nocluster, or a server without a grid) the grid is reported as not used.
 */
@Readiness
@ApplicationScoped
public class GridCheck implements HealthCheck {

    static final String NAME = "data-grid";

    @Inject
    Cluster cluster;

    @Inject
    HealthSettings settings;

    @Resource
    ManagedExecutorService executor;

    private final Probe<Boolean> probe = new Probe<>();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME);
        if (!cluster.usesGrid()) {
            return response.up().withData("grid", "not used").build();
        }
        try {
            return response.status(probe.await(executor, cluster::gridUsable, settings.timeoutMillis()))
                    .withData("grid", "used").build();
        } catch (TimeoutException slow) {
            return response.down().withData("grid", "used")
                    .withData("reason", "no answer within " + settings.timeoutMillis() + " ms").build();
        } catch (Exception failed) {
            return response.down().withData("grid", "used").withData("reason", Probe.reason(failed)).build();
        }
    }
}
