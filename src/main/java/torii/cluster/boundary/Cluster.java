package torii.cluster.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import torii.cluster.control.Broadcast;
import torii.cluster.control.Grid;
import torii.cluster.control.Wire;
import torii.platform.entity.ClusterEvent;

/**
 * Sends each committed {@link ClusterEvent} to the other instances, and fires theirs here. An event that came from the
 * grid is not sent again, so two instances never echo one change back and forth.
 */
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    /** Where Payara publishes the JCache manager of its data grid. */
    static final String CACHE_MANAGER = "payara/CacheManager";
    private static final ThreadLocal<Boolean> RECEIVING = ThreadLocal.withInitial(() -> false);

    @Inject
    BeanManager beans;

    @Resource(lookup = "java:comp/DefaultContextService")
    ContextService contexts;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private volatile Broadcast broadcast = Broadcast.LOCAL;

    /** Whether the server offered a data grid, whether or not this instance could join it. */
    private volatile boolean gridOffered;

    void join(@Observes @Initialized(ApplicationScoped.class) Object started) {
        broadcast = grid();
    }

    Broadcast grid() {
        try {
            Class.forName("javax.cache.CacheManager", false, Cluster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.info("No JCache on this server: changes reach this instance only");
            return Broadcast.LOCAL;
        }
        Object manager;
        try {
            manager = new InitialContext().lookup(CACHE_MANAGER);
        } catch (NamingException | RuntimeException e) {
            LOG.info("No data grid (" + CACHE_MANAGER + " not found): changes reach this instance only");
            return Broadcast.LOCAL;
        }
        gridOffered = true;
        try {
            // Events arrive on the grid's own threads; the proxy runs them with this application's context.
            Consumer<byte[]> receiver = this::receive;
            @SuppressWarnings("unchecked")
            Consumer<byte[]> contextual = contexts.createContextualProxy(receiver, Consumer.class);
            var grid = new Grid(manager, contextual);
            LOG.info("Changes reach the other instances through the data grid");
            return grid;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The data grid is unusable: changes reach this instance only", e);
            return Broadcast.LOCAL;
        }
    }

    /** Whether this instance is meant to share changes through a data grid. */
    public boolean usesGrid() {
        return gridOffered;
    }

    /** Whether the data grid works now; false too where it was offered but could not be joined. */
    public boolean gridUsable() {
        return broadcast.usable();
    }

    /** After the commit, off the request's thread: a slow grid never holds up an answer. */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClusterEvent event) {
        if (RECEIVING.get() || broadcast == Broadcast.LOCAL) {
            return;
        }
        var bytes = Wire.write(event);
        var target = broadcast;
        executor.execute(() -> {
            try {
                target.publish(bytes);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not tell the other instances of " + event, e);
            }
        });
    }

    void receive(byte[] bytes) {
        RECEIVING.set(true);
        try {
            beans.getEvent().fire(Wire.read(bytes));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An event from the data grid was not handled", e);
        } finally {
            RECEIVING.remove();
        }
    }

    @PreDestroy
    void leave() {
        broadcast.close();
    }
}
