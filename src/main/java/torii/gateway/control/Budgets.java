package torii.gateway.control;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import torii.apps.entity.Limits;

/**
 * The arithmetic of budgets, apart from where the counts come from: what is left of a limit and when its window
 * starts again. Requests are counted per minute, tokens per day and per calendar month, all in UTC.
 */
public interface Budgets {

    /** What is left of a limit, and in how many seconds it is whole again; named in JSON as callers read it. */
    @JsonbPropertyOrder({"limit", "remaining", "reset_seconds"})
    record Allowance(long limit, @JsonbProperty("remaining") long left,
            @JsonbProperty("reset_seconds") long resetSeconds) {

        public boolean spent() {
            return left <= 0;
        }

        /** The one of the two that leaves less; either may be null for no limit. */
        public static Allowance tighter(Allowance one, Allowance other) {
            if (one == null || other == null) {
                return one == null ? other : one;
            }
            if (one.left != other.left) {
                return one.left < other.left ? one : other;
            }
            return one.resetSeconds >= other.resetSeconds ? one : other;
        }
    }

    /** The tokens used between two days (UTC), both included. */
    interface TokensUsed {
        long between(LocalDate from, LocalDate to);
    }

    /** What is left of the day's and the month's tokens, the tighter of the two; null if neither is limited. */
    static Allowance tokens(Limits limits, Instant now, TokensUsed used) {
        return Allowance.tighter(tokensToday(limits, now, used), tokensThisMonth(limits, now, used));
    }

    /** What is left of the day's tokens (UTC); null without a daily limit. */
    static Allowance tokensToday(Limits limits, Instant now, TokensUsed used) {
        if (limits.tokensPerDay() == null) {
            return null;
        }
        var day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new Allowance(limits.tokensPerDay(), Math.max(0, limits.tokensPerDay() - used.between(day, day)),
                secondsUntil(day.plusDays(1), now));
    }

    /** What is left of the calendar month's tokens (UTC); null without a monthly limit. */
    static Allowance tokensThisMonth(Limits limits, Instant now, TokensUsed used) {
        if (limits.tokensPerMonth() == null) {
            return null;
        }
        var day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var first = day.withDayOfMonth(1);
        return new Allowance(limits.tokensPerMonth(), Math.max(0, limits.tokensPerMonth() - used.between(first, day)),
                secondsUntil(first.plusMonths(1), now));
    }

    /** What is left of a minute's requests after those counted. */
    static Allowance requests(long limit, long counted, Instant now) {
        return new Allowance(limit, Math.max(0, limit - counted), 60 - now.getEpochSecond() % 60);
    }

    /** The minute (since the epoch) a request falls in. */
    static long minute(Instant now) {
        return now.getEpochSecond() / 60;
    }

    /** Whole seconds until the day starts, at least one. */
    static long secondsUntil(LocalDate day, Instant now) {
        var seconds = Duration.between(now, day.atStartOfDay(ZoneOffset.UTC).toInstant()).toMillis();
        return Math.max(1, (seconds + 999) / 1000);
    }
}
