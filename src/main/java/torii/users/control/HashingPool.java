package torii.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.errors.boundary.ApiException;

/**
 * Runs password checks on a few threads of their own, one per core by default, with a short queue: a flood of logins
 * then waits here instead of taking every request thread and core from the rest of the API. Work that finds the pool
 * and its queue full, or that waited in the queue longer than allowed, is refused with 503 and {@code Retry-After}.
 */
@ApplicationScoped
public class HashingPool {

    @Inject
    @ConfigProperty(name = "torii.login.threads", defaultValue = "0")
    int threads;

    @Inject
    @ConfigProperty(name = "torii.login.queue", defaultValue = "32")
    int queue;

    @Inject
    @ConfigProperty(name = "torii.login.max-wait-ms", defaultValue = "3000")
    long maxWaitMillis;

    /** Its threads carry the application's context, so that they may call its EJBs and JNDI names. */
    @Resource
    ManagedThreadFactory threadFactory;

    private ThreadPoolExecutor executor;

    /** When a piece of work last finished, or the pool started: a pool with work that stops finishing is wedged. */
    private volatile long lastFinished = System.nanoTime();

    @PostConstruct
    void init() {
        if (threads < 0 || queue < 0 || maxWaitMillis < 1) {
            throw new IllegalStateException("torii.login.threads and torii.login.queue must be 0 or more and "
                    + "torii.login.max-wait-ms at least 1; were " + threads + ", " + queue + ", " + maxWaitMillis);
        }
        int size = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        // A queue of 0 hands work straight to an idle thread or refuses it.
        var waiting = queue == 0 ? new java.util.concurrent.SynchronousQueue<Runnable>()
                : new ArrayBlockingQueue<Runnable>(queue);
        executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, waiting, lowestPriority(threadFactory),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Threads of the lowest priority: a hash then takes only the CPU time that requests leave. The JVM passes Java
     * priorities to Linux only when started with -XX:ThreadPriorityPolicy=1 (the run command does; lowering a thread's
     * priority needs no privilege); without it they are ignored and the pool's bounds alone protect the rest of the API.
     */
    static ThreadFactory lowestPriority(ThreadFactory factory) {
        return work -> {
            Thread thread = factory.newThread(work);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The work's result, later; refused with 503 when the pool is busy beyond its bounds. */
    public <T> CompletionStage<T> submit(Supplier<T> work) {
        var result = new CompletableFuture<T>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        try {
            executor.execute(() -> {
                try {
                    if (System.nanoTime() - deadline > 0) {
                        result.completeExceptionally(busy());
                        return;
                    }
                    result.complete(work.get());
                } catch (RuntimeException | Error failure) {
                    result.completeExceptionally(failure);
                } finally {
                    lastFinished = System.nanoTime();
                }
            });
        } catch (RejectedExecutionException full) {
            result.completeExceptionally(busy());
        }
        return result;
    }

    /** What the pool is doing now; cheap enough for every health probe, the pool having a thread per core. */
    public PoolState state() {
        return new PoolState(executor.getMaximumPoolSize(), executor.getActiveCount(), executor.getQueue().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFinished));
    }

    public static ApiException busy() {
        return ApiException.retryLater(503, "temporarily_unavailable", "Too many logins at once; try again shortly", 1);
    }
}
