package torii.users.control;

/** A moment of the hashing pool: its threads, those busy, the work waiting, and how long ago work last finished. */
public record PoolState(int threads, int busy, int queued, long millisSinceLastFinished) {

    /**
     * Work is under way or waiting, yet none has finished for longer than the limit: the pool's threads hang. A flood
     * of logins keeps finishing work and is not stuck; an idle pool is never stuck.
     */
    public boolean stuckLongerThan(long limitMillis) {
        return (busy > 0 || queued > 0) && millisSinceLastFinished > limitMillis;
    }
}
