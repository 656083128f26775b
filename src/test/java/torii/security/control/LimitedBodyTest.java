package torii.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {

    /** An endless body, as a chunked upload that never ends is; counts what was taken from it. */
    static class Endless extends ServletInputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            taken += length;
            return length;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

    @Test
    void aBodyPastItsLimitFailsEveryReadHavingTakenOneByteMoreAtMost() throws IOException {
        var source = new Endless();
        var exceeded = new AtomicInteger();
        var body = new LimitedBody(source, 1000, exceeded::incrementAndGet);
        var buffer = new byte[8192];
        assertEquals(1000, body.read(buffer, 0, 1000));
        assertThrows(LimitedBody.TooLarge.class, () -> body.read(buffer, 0, buffer.length));
        assertThrows(LimitedBody.TooLarge.class, () -> body.read(buffer, 0, buffer.length));
        assertThrows(LimitedBody.TooLarge.class, body::read);
        assertEquals(1001, source.taken);
        assertEquals(1, exceeded.get(), "told once");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        var source = new Endless();
        var body = new LimitedBody(source, 3, () -> {
            throw new AssertionError("not exceeded");
        });
        assertEquals('a', body.read());
        assertEquals(2, body.read(new byte[2], 0, 2));
    }

    @Test
    void byteByByteReadsAreCountedToo() throws IOException {
        var body = new LimitedBody(new Endless(), 2, () -> { });
        body.read();
        body.read();
        assertThrows(LimitedBody.TooLarge.class, body::read);
    }
}
