package torii.cluster.control;

import java.io.Serializable;
import java.util.function.Consumer;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;

/**
 * Hands the events that other instances put into the grid to this instance. The grid may copy its configuration,
 * this listener included, to other members: a copy has no receiver and does nothing, since each member registers its
 * own.
 */
class GridListener implements CacheEntryCreatedListener<String, byte[]>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final transient Consumer<byte[]> receiver;

    GridListener(String origin, Consumer<byte[]> receiver) {
        this.origin = origin;
        this.receiver = receiver;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
        if (receiver == null) {
            return;
        }
        for (var event : events) {
            if (!event.getKey().startsWith(origin + "/")) {
                receiver.accept(event.getValue());
            }
        }
    }
}
