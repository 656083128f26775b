package torii.cluster.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import torii.platform.entity.ClusterEvent;

/**
 * Events as bytes for the grid. The grid stores plain byte arrays, so Hazelcast never needs the application's
 * classes; reading back accepts only cluster events and the strings and numbers they hold, never an arbitrary class.
 */
public interface Wire {

    ObjectInputFilter ONLY_EVENTS = info -> {
        var type = info.serialClass();
        if (info.depth() > 3) {
            return ObjectInputFilter.Status.REJECTED;
        }
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        var allowed = ClusterEvent.class.isAssignableFrom(type) || type == String.class
                || Number.class.isAssignableFrom(type);
        return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    static byte[] write(ClusterEvent event) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ClusterEvent read(byte[] bytes) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass description) throws ClassNotFoundException {
                return Class.forName(description.getName(), false, Wire.class.getClassLoader());
            }
        }) {
            in.setObjectInputFilter(ONLY_EVENTS);
            return (ClusterEvent) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("Not a cluster event: " + e, e);
        }
    }
}
