package torii.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.RateWindows;
import torii.gateway.control.TokenUsage;
import torii.gateway.control.UsageTally;
import torii.metrics.boundary.Metrics;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * What each gateway call asks of the counters, answered from this instance's memory: whether the rate limit lets it
 * in, and what it used. {@link Usage} reads a window's shared count once a minute and writes the counts every second.
 */
@ApplicationScoped
public class Meter {

    @Inject
    GatewaySettings settings;

    @Inject
    UsageTally tally;

    @Inject
    RateWindows windows;

    @Inject
    Usage usage;

    @Inject
    Metrics metrics;

    Clock clock = Clock.systemUTC();

    /**
     * Lets the request in, or refuses it with 429 and the seconds to the next minute when the limit is reached. Decided
     * by this instance's view of the window, which {@link Usage#flush()} keeps in step with the other instances'.
     */
    public void admit(String username, String appId) {
        var limit = settings.rateLimit();
        if (limit == 0) {
            return;
        }
        var now = clock.millis();
        var key = new RateWindows.Key(username, appId, now / 60_000);
        if (!windows.knows(key)) {
            // What the other instances let in this minute so far: one read per window and instance.
            windows.open(key, usage.sharedCount(key));
        }
        if (windows.admit(key, limit)) {
            return;
        }
        metrics.gatewayCall(appId, Metrics.RATE_LIMITED);
        var secondsLeft = (60_000 - now % 60_000 + 999) / 1000;
        throw Refusal.retryLater(Kind.THROTTLED, "rate_limit_exceeded", "Rate limit reached: " + limit
                + " requests per minute to this application; try again in " + secondsLeft + " s", secondsLeft);
    }

    /** Counts a finished request and the tokens its backend reported; written with the next {@link Usage#flush()}. */
    public void record(String username, String appId, TokenUsage tokens) {
        tally.add(new UsageTally.Key(username, appId, LocalDate.now(clock.withZone(ZoneOffset.UTC))), tokens);
        metrics.gatewayCall(appId, Metrics.COMPLETED);
    }
}
