package torii.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.junit.jupiter.api.Test;

class GridListenerTest {

    final List<byte[]> received = new ArrayList<>();

    @Test
    void eventsOfOtherInstancesAreHandedOn() {
        new GridListener("here", received::add).onCreated(List.of(entry("there/1", new byte[] {7})));
        assertEquals(1, received.size());
        assertEquals(7, received.get(0)[0]);
    }

    @Test
    void eventsOfThisInstanceAreNotHandedOnAgain() {
        new GridListener("here", received::add).onCreated(List.of(entry("here/1", new byte[] {7})));
        assertEquals(List.of(), received);
    }

    static CacheEntryEvent<String, byte[]> entry(String key, byte[] value) {
        @SuppressWarnings("unchecked")
        var cache = (Cache<String, byte[]>) Proxy.newProxyInstance(GridListenerTest.class.getClassLoader(),
                new Class<?>[] {Cache.class}, (proxy, method, arguments) -> null);
        return new CacheEntryEvent<>(cache, EventType.CREATED) {
            @Override
            public String getKey() {
                return key;
            }

            @Override
            public byte[] getValue() {
                return value;
            }

            @Override
            public byte[] getOldValue() {
                return null;
            }

            @Override
            public boolean isOldValueAvailable() {
                return false;
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new IllegalArgumentException();
            }
        };
    }
}
