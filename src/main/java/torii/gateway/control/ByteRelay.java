package torii.gateway.control;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Relays an HTTP application's answer body to the caller as it arrives, each piece flushed at once, so that event
 * streams and chunked answers reach the caller as they are produced. The HTTP client's threads queue the pieces and
 * the caller's thread writes them; at most {@link #AHEAD} pieces wait, and the application is asked for more only as
 * the caller reads. A silence longer than the read timeout, or an answer broken off, ends the caller's answer
 * abruptly, so that the caller sees a broken transfer rather than a short body taken for a whole one.
 */
public class ByteRelay implements HttpResponse.BodySubscriber<ByteRelay>, StreamingOutput {

    private static final Object END = new Object();

    /** Pieces asked of the application ahead of the caller; the HTTP client hands on up to about 16 KiB each. */
    static final int AHEAD = 8;

    private final BlockingQueue<Object> pieces = new ArrayBlockingQueue<>(AHEAD + 2);
    private final Duration silence;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    public ByteRelay(Duration silence) {
        this.silence = silence;
    }

    /** Itself, at once: the exchange is answered when the headers arrive, and the body is read from here after. */
    @Override
    public CompletionStage<ByteRelay> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
            return;
        }
        subscription.request(AHEAD);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        pieces.offer(item);
    }

    @Override
    public void onError(Throwable failure) {
        pieces.offer(failure);
    }

    @Override
    public void onComplete() {
        pieces.offer(END);
    }

    /** Ends the application's answer: the caller will not read it, or has read all it will. */
    public void cancel() {
        cancelled = true;
        var upstream = subscription;
        if (upstream != null) {
            upstream.cancel();
        }
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try {
            while (true) {
                var item = pieces.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    throw new IOException("The application fell silent for longer than the read timeout");
                }
                if (item == END) {
                    return;
                }
                if (item instanceof Throwable failure) {
                    throw new IOException("The application broke off its answer", failure);
                }
                subscription.request(1);
                @SuppressWarnings("unchecked")
                var buffers = (List<ByteBuffer>) item;
                for (var buffer : buffers) {
                    if (buffer.hasArray()) {
                        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                    } else {
                        var bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        out.write(bytes);
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while relaying the application's answer", e);
        } finally {
            cancel();
        }
    }
}
