package torii.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import torii.platform.entity.KeysChanged;
import torii.platform.entity.UserChanged;

class WireTest {

    @Test
    void anEventReadsBackEqual() {
        var event = new UserChanged("alice");
        assertEquals(event, Wire.read(Wire.write(event)));
    }

    @Test
    void eventsOfEveryKindReadBack() {
        var event = new KeysChanged("kid-1");
        assertEquals(event, Wire.read(Wire.write(event)));
    }

    @Test
    void anObjectThatIsNoClusterEventIsRefused() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("alice")));
        }
        assertThrows(IllegalArgumentException.class, () -> Wire.read(bytes.toByteArray()));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Wire.read(new byte[] {1, 2, 3}));
    }
}
