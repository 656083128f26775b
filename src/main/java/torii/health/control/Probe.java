package torii.health.control;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A check that may hang (a database or a grid that does not answer), run on another thread and waited for a bounded
 * time. A probe still running is joined rather than started again, so that probes of a hanging resource never pile up.
 */
public class Probe<T> {

    private final AtomicReference<Future<T>> running = new AtomicReference<>();

    /** The check's result, or a failure: its own, or a {@link TimeoutException} once the time is up. */
    public T await(ExecutorService executor, Callable<T> check, long timeoutMillis) throws Exception {
        var future = running.get();
        if (future == null || future.isDone()) {
            var started = executor.submit(check);
            future = running.compareAndSet(future, started) ? started : running.get();
        }
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
    }

    /**
     * Why a check failed, for the health response: the type of the innermost cause only, since a message could carry
     * a JDBC URL or a user name.
     */
    public static String reason(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
