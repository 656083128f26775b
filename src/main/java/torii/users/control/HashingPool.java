package torii.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Runs password checks on a few threads of their own, one per core by default, with a short queue: a flood of logins
 * then waits here instead of taking every request thread and core from the rest of the API. Work that finds the pool
 * and its queue full, or that waited in the queue longer than allowed, is refused with 503 and {@code Retry-After}.
 */
@ApplicationScoped
public class HashingPool {

    private static final Logger LOG = Logger.getLogger(HashingPool.class.getName());

    @Inject
    @ConfigProperty(name = "torii.login.threads", defaultValue = "0")
    int threads;

    @Inject
    @ConfigProperty(name = "torii.login.queue", defaultValue = "32")
    int queue;

    @Inject
    @ConfigProperty(name = "torii.login.max-wait-ms", defaultValue = "3000")
    long maxWaitMillis;

    @Inject
    @ConfigProperty(name = "torii.login.idle-class", defaultValue = "true")
    boolean idleClass;

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
        executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, waiting,
                lowestPriority(threadFactory, idleClass), new ThreadPoolExecutor.AbortPolicy());
        // The threads start now, so that their scheduling class is asked for at deployment, not in the first login.
        executor.prestartAllCoreThreads();
    }

    /**
     * Threads of the lowest priority: a hash then takes only the CPU time that requests leave. The JVM passes Java
     * priorities to Linux only when started with -XX:ThreadPriorityPolicy=1 (the run command does; lowering a thread's
     * priority needs no privilege); without it they are ignored and the pool's bounds alone protect the rest of the API.
     * With {@code idleClass} each thread also asks Linux for the idle scheduling class, below every nice value.
     */
    static ThreadFactory lowestPriority(ThreadFactory factory, boolean idleClass) {
        return work -> {
            Thread thread = factory.newThread(idleClass ? () -> {
                runOnlyWhenIdle();
                work.run();
            } : work);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }

    /**
     * Puts the calling thread in Linux's SCHED_IDLE class: it runs only when no thread of the normal class wants the
     * core, where even nice 19 still takes its turn before a request thread that has just woken up. Java has no call
     * for it and the pool takes no native library for one call per thread, so chrt (util-linux, on every Linux) is
     * run on the thread's own id, once, when the thread starts. A thread needs no privilege to lower its own class.
     * Where it cannot be done (no chrt, not Linux), the thread keeps its priority and the reason is logged.
     */
    static void runOnlyWhenIdle() {
        try {
            // "/proc/thread-self" links to "<pid>/task/<thread id>".
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", self.getFileName().toString())
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                LOG.warning("Password checks run at the lowest priority only: chrt did not answer within 10 s");
            } else if (chrt.exitValue() != 0) {
                LOG.warning("Password checks run at the lowest priority only: chrt --idle exited with "
                        + chrt.exitValue());
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("Password checks run at the lowest priority only, not in the idle scheduling class: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    public static Refusal busy() {
        return Refusal.retryLater(Kind.BUSY, "temporarily_unavailable", "Too many logins at once; try again shortly", 1);
    }
}
