package torii.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import torii.apps.entity.Limits;
import torii.gateway.control.Budgets;
import torii.gateway.control.Budgets.Allowance;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.RateWindows;
import torii.gateway.control.TokenUsage;
import torii.gateway.control.UsageTally;
import torii.metrics.boundary.Metrics;
import torii.platform.control.OpenAiError;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * What each gateway call asks of the counters, answered from this instance's memory and the shared counts: whether
 * its budgets let it in, and what it used. The budgets are the caller's grant's (requests per minute, by default
 * {@code torii.gateway.rate-limit}, and tokens per day and month) and, for a call with an API key, the key's, counted
 * for the key across its applications. {@link Usage} reads a window's shared count once a minute and writes the
 * counts every second, so the limits hold across instances within about a second.
 */
@ApplicationScoped
public class Meter {

    /** Where an API key's own counts are kept: a name no user or client can have. */
    static final String KEY_PREFIX = "key:";
    /** The application of a key's own counts: all of them. */
    static final String ANY_APP = "*";

    /** Who calls what, and within which limits: the grant's, and the key's if the call came with one. */
    public record Caller(String name, String appId, Limits grant, String keyId, Limits key) {

        String keyName() {
            return KEY_PREFIX + keyId;
        }

        /** Whether the key's own tokens are counted: only where it limits them. */
        boolean countsKeyTokens() {
            return keyId != null && key.limitsTokens();
        }
    }

    /** What is left after a call is let in, for the x-ratelimit headers; either may be null for no limit. */
    public record Budget(Allowance requests, Allowance tokens) {
    }

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
     * Lets the call in, or refuses it with 429: {@code insufficient_quota} when a budget of tokens is spent, with the
     * seconds until its day or month starts again; {@code rate_limit_exceeded} when the minute's requests are, with
     * the seconds to the next minute. Tokens are checked first, so that a call refused for them takes no request; a
     * key's minute is taken before its grant's, so a call the grant refuses still counts against the key.
     */
    public Budget admit(Caller caller) {
        var now = clock.instant();
        var tokens = Allowance.tighter(Budgets.tokens(caller.grant(), now,
                        (from, to) -> usage.tokensUsed(caller.name(), caller.appId(), from, to)),
                caller.countsKeyTokens() ? Budgets.tokens(caller.key(), now,
                        (from, to) -> usage.tokensUsed(caller.keyName(), ANY_APP, from, to)) : null);
        if (tokens != null && tokens.spent()) {
            metrics.gatewayCall(caller.appId(), Metrics.RATE_LIMITED);
            throw Refusal.retryLater(Kind.THROTTLED, OpenAiError.INSUFFICIENT_QUOTA, "Token budget spent: "
                    + tokens.limit() + " tokens; try again in " + tokens.resetSeconds() + " s", tokens.resetSeconds());
        }
        Allowance requests = null;
        if (caller.keyId() != null && caller.key().requestsPerMinute() != null) {
            requests = take(caller.keyName(), ANY_APP, caller.key().requestsPerMinute(), caller.appId(), "this key");
        }
        var perMinute = caller.grant().requestsPerMinute() != null ? caller.grant().requestsPerMinute()
                : settings.rateLimit();
        if (perMinute > 0) {
            requests = Allowance.tighter(requests, take(caller.name(), caller.appId(), perMinute, caller.appId(),
                    "this application"));
        }
        return new Budget(requests, tokens);
    }

    /** What is left of the caller's budgets now, without spending any: for the caller to read. */
    public BudgetReport report(Caller caller) {
        var now = clock.instant();
        var perMinute = caller.grant().requestsPerMinute() != null ? caller.grant().requestsPerMinute()
                : settings.rateLimit();
        Allowance requests = null;
        if (perMinute > 0) {
            var key = new RateWindows.Key(caller.name(), caller.appId(), Budgets.minute(now));
            var counted = windows.knows(key) ? windows.count(key) : usage.sharedCount(key);
            requests = Budgets.requests(perMinute, counted, now);
        }
        Budgets.TokensUsed used = (from, to) -> usage.tokensUsed(caller.name(), caller.appId(), from, to);
        return new BudgetReport(caller.appId(), requests, Budgets.tokensToday(caller.grant(), now, used),
                Budgets.tokensThisMonth(caller.grant(), now, used));
    }

    /** A place in the window of the name and application, or 429. */
    Allowance take(String name, String appId, int limit, String calledApp, String what) {
        var now = clock.instant();
        var key = new RateWindows.Key(name, appId, Budgets.minute(now));
        if (!windows.knows(key)) {
            // What the other instances let in this minute so far: one read per window and instance.
            windows.open(key, usage.sharedCount(key));
        }
        var admitted = windows.admit(key, limit);
        var allowance = Budgets.requests(limit, windows.count(key), now);
        if (admitted) {
            return allowance;
        }
        metrics.gatewayCall(calledApp, Metrics.RATE_LIMITED);
        throw Refusal.retryLater(Kind.THROTTLED, "rate_limit_exceeded", "Rate limit reached: " + limit
                + " requests per minute to " + what + "; try again in " + allowance.resetSeconds() + " s",
                allowance.resetSeconds());
    }

    /**
     * Counts a finished call and the tokens its backend reported, for the caller and, where it limits tokens, for the
     * key; written with the next {@link Usage#flush()}.
     */
    public void record(Caller caller, TokenUsage tokens) {
        var day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        tally.add(new UsageTally.Key(caller.name(), caller.appId(), day), tokens);
        if (caller.countsKeyTokens()) {
            tally.add(new UsageTally.Key(caller.keyName(), ANY_APP, day), tokens);
        }
        metrics.gatewayCall(caller.appId(), Metrics.COMPLETED);
    }
}
