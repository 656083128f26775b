package torii.apps.entity;

import java.util.List;
import java.util.function.Function;

/**
 * What a grant or an API key allows: requests per minute, and tokens per day and per calendar month (UTC), each null
 * for no limit of its own.
 */
public record Limits(Integer requestsPerMinute, Long tokensPerDay, Long tokensPerMonth) {

    public static final Limits NONE = new Limits(null, null, null);

    public boolean none() {
        return requestsPerMinute == null && tokensPerDay == null && tokensPerMonth == null;
    }

    public boolean limitsTokens() {
        return tokensPerDay != null || tokensPerMonth != null;
    }

    /** What the most generous of several grants allows: per dimension, no limit if any has none, else the largest. */
    public static Limits mostGenerous(List<Limits> all) {
        return new Limits(largest(all, Limits::requestsPerMinute), largest(all, Limits::tokensPerDay),
                largest(all, Limits::tokensPerMonth));
    }

    static <T extends Comparable<T>> T largest(List<Limits> all, Function<Limits, T> dimension) {
        T most = null;
        for (var limits : all) {
            var value = dimension.apply(limits);
            if (value == null) {
                return null;
            }
            most = most == null || value.compareTo(most) > 0 ? value : most;
        }
        return most;
    }
}
