package torii.gateway.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The usage counted by this instance and not yet written to the database: a write per completion would cost more
 * than the completion itself, so counts gather here and are added to the database's every few seconds.
 */
@ApplicationScoped
public class UsageTally {

    /** Whose usage, of what, on which day (UTC). */
    public record Key(String username, String appId, LocalDate day) {
    }

    /** Requests, prompt tokens and completion tokens. */
    public record Counts(long requests, long prompt, long completion) {

        Counts plus(TokenUsage tokens) {
            return new Counts(requests + 1, prompt + tokens.prompt(), completion + tokens.completion());
        }
    }

    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();

    public void add(Key key, TokenUsage tokens) {
        pending.merge(key, new Counts(1, tokens.prompt(), tokens.completion()),
                (counted, one) -> counted.plus(tokens));
    }

    /** The tokens counted here and not yet written, of one caller and application over days from and to. */
    public long pendingTokens(String username, String appId, LocalDate from, LocalDate to) {
        return pending.entrySet().stream().filter(entry -> entry.getKey().username().equals(username)
                        && entry.getKey().appId().equals(appId) && !entry.getKey().day().isBefore(from)
                        && !entry.getKey().day().isAfter(to))
                .mapToLong(entry -> entry.getValue().prompt() + entry.getValue().completion()).sum();
    }

    /** Takes one key's counts out, if any; counts added meanwhile wait for the next time. */
    public Counts take(Key key) {
        return pending.remove(key);
    }

    public Iterable<Key> keys() {
        return pending.keySet();
    }

    /** Drops the counts of a removed user or application, so that they do not come back after it. */
    public void drop(Predicate<Key> removed) {
        pending.keySet().removeIf(removed);
    }

    /** Puts back counts that could not be written, so that they are tried again. */
    public void restore(Key key, Counts counts) {
        pending.merge(key, counts, (later, earlier) -> new Counts(later.requests() + earlier.requests(),
                later.prompt() + earlier.prompt(), later.completion() + earlier.completion()));
    }
}
