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
        public int read(byte[] buffer, int offset, int length) throws IOException {
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
        var body = new LimitedBody(source, 1000, exceeded::incrementAndGet, LimitedBodyTest::notBroken);
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
        }, LimitedBodyTest::notBroken);
        assertEquals('a', body.read());
        assertEquals(2, body.read(new byte[2], 0, 2));
    }

    static void notBroken(IOException failure) {
        throw new AssertionError("not broken", failure);
    }

    @Test
    void aBodyThatStopsArrivingIsReportedAndItsFailurePassedOn() {
        var stalled = new Endless() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException(new java.util.concurrent.TimeoutException());
            }
        };
        var reported = new java.util.concurrent.atomic.AtomicReference<IOException>();
        var body = new LimitedBody(stalled, 100, () -> { }, reported::set);
        var failure = assertThrows(IOException.class, () -> body.read(new byte[10], 0, 10));
        assertEquals(failure, reported.get());
    }

    @Test
    void byteByByteReadsAreCountedToo() throws IOException {
        var body = new LimitedBody(new Endless(), 2, () -> { }, LimitedBodyTest::notBroken);
        body.read();
        body.read();
        assertThrows(LimitedBody.TooLarge.class, body::read);
    }
}
