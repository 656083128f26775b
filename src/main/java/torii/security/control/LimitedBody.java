package torii.security.control;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A request body counted as it is read, whatever its framing: a chunked body has no length to compare in advance. Past
 * the limit every read fails, so no reader (form, JSON, text) ever holds more than the limit of it.
 */
public class LimitedBody extends ServletInputStream {

    /** What every read throws once the body is past its limit. */
    public static class TooLarge extends IOException {

        public TooLarge(long limit) {
            super("The request body is larger than " + limit + " bytes", null);
        }
    }

    private final ServletInputStream body;
    private final long limit;
    private final Runnable exceeded;
    private final Consumer<IOException> broken;
    private long count;

    /**
     * Calls {@code exceeded} once, when a read first goes past the limit, and {@code broken} when the body cannot be
     * read at all (it stopped arriving, its framing broke).
     */
    public LimitedBody(ServletInputStream body, long limit, Runnable exceeded, Consumer<IOException> broken) {
        this.body = body;
        this.limit = limit;
        this.exceeded = exceeded;
        this.broken = broken;
    }

    @Override
    public int read() throws IOException {
        check(0);
        int b = underlying(() -> body.read());
        if (b >= 0) {
            check(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check(0);
        // Never asks for more than one byte past the limit, so that a huge chunk is not taken in whole either.
        int read = underlying(() -> body.read(buffer, offset, (int) Math.min(length, limit - count + 1)));
        if (read > 0) {
            check(read);
        }
        return read;
    }

    /** A read of the body as it arrives. */
    interface Read {
        int run() throws IOException;
    }

    int underlying(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException failure) {
            broken.accept(failure);
            throw failure;
        }
    }

    void check(int read) throws TooLarge {
        if (count > limit) {
            throw new TooLarge(limit);
        }
        count += read;
        if (count > limit) {
            exceeded.run();
            throw new TooLarge(limit);
        }
    }

    @Override
    public int available() throws IOException {
        return count > limit ? 0 : body.available();
    }

    @Override
    public boolean isFinished() {
        return count > limit || body.isFinished();
    }

    @Override
    public boolean isReady() {
        return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        body.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
