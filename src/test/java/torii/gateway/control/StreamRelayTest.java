package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamRelayTest {

    /** The upstream's side: what the relay asked for, and whether it cancelled. */
    static class Upstream implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    static String chunk(int i) {
        return "data: {\"choices\":[{\"delta\":{\"content\":\"" + i + "\"}}]}";
    }

    @Test
    void theUpstreamIsAskedForAFewLinesAheadAndOneMorePerLineTheCallerTook() throws IOException {
        var relay = new StreamRelay(Duration.ofSeconds(5), false, usage -> { });
        var upstream = new Upstream();
        relay.onSubscribe(upstream);
        assertEquals(StreamRelay.AHEAD, upstream.requested.get(), "never everything at once");
        for (int i = 0; i < StreamRelay.AHEAD; i++) {
            relay.onNext(chunk(i));
        }
        relay.onNext("data: [DONE]");
        var out = new ByteArrayOutputStream();
        relay.write(out);
        assertEquals(2L * StreamRelay.AHEAD + 1, upstream.requested.get());
        assertTrue(upstream.cancelled.get(), "the upstream is let go once the answer is relayed");
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("data: [DONE]\n\n"));
    }

    @Test
    void aPublisherSendingMoreThanAskedForFillsNoMoreThanTheQueue() {
        var relay = new StreamRelay(Duration.ofMillis(50), false, usage -> { });
        relay.onSubscribe(new Upstream());
        for (int i = 0; i < 10 * StreamRelay.AHEAD; i++) {
            relay.onNext(chunk(i));
        }
        relay.onComplete();
        assertTrue(relay.queued() <= StreamRelay.AHEAD + 2, "the queue is bounded: " + relay.queued());
    }
}
