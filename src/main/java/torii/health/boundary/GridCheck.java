package torii.health.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeoutException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import torii.health.control.Grid;
import torii.health.control.HealthSettings;
import torii.health.control.Probe;

/**
 * Ready only while the data grid that instances share is usable, where there is one: Payara's JCache cache manager
 * in JNDI. Without one (Payara Micro with --nocluster, or a server without a grid) the grid is reported as not used.
 */
@Readiness
@ApplicationScoped
public class GridCheck implements HealthCheck {

    static final String NAME = "data-grid";
    static final String CACHE_MANAGER = "payara/CacheManager";

    @Inject
    HealthSettings settings;

    @Resource
    ManagedExecutorService executor;

    private final Probe<Boolean> probe = new Probe<>();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME);
        Object manager;
        try {
            manager = new InitialContext().lookup(CACHE_MANAGER);
        } catch (NamingException notBound) {
            return response.up().withData("grid", "not used").build();
        }
        try {
            var grid = new Grid(manager);
            return response.status(probe.await(executor, grid::usable, settings.timeoutMillis()))
                    .withData("grid", "used").build();
        } catch (TimeoutException slow) {
            return response.down().withData("grid", "used")
                    .withData("reason", "no answer within " + settings.timeoutMillis() + " ms").build();
        } catch (Exception failed) {
            return response.down().withData("grid", "used").withData("reason", Probe.reason(failed)).build();
        }
    }
}
