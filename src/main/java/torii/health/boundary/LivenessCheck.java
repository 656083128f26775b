package torii.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import torii.health.control.HealthSettings;
import torii.users.control.HashingPool;

/**
 * Live unless wedged: the password-hashing pool has work but finished none for longer than allowed, or threads are
 * deadlocked. A full pool that keeps finishing work is busy, not wedged, so that a load spike does not cause a restart.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    static final String NAME = "liveness";

    @Inject
    HashingPool pool;

    @Inject
    HealthSettings settings;

    @Override
    public HealthCheckResponse call() {
        var state = pool.state();
        var deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        int deadlocks = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named(NAME).status(!state.stuckLongerThan(settings.stuckMillis()) && deadlocks == 0)
                .withData("hashing_threads", state.threads()).withData("hashing_busy", state.busy())
                .withData("hashing_queued", state.queued())
                .withData("ms_since_hashing_finished", state.millisSinceLastFinished())
                .withData("deadlocked_threads", deadlocks).build();
    }
}
