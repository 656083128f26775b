package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import torii.errors.boundary.ApiException;

class LimitedAnswerTest {

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerWithinTheLimitIsItsText() {
        var answer = new LimitedAnswer(10);
        answer.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                throw new AssertionError("not cancelled");
            }
        });
        answer.onNext(List.of(bytes("{\"a\":"), bytes("\"é\"}")));
        answer.onComplete();
        assertEquals("{\"a\":\"é\"}", answer.getBody().toCompletableFuture().join());
    }

    @Test
    void anAnswerPastTheLimitIsAbandonedAsGarbage() {
        var answer = new LimitedAnswer(1024);
        var cancelled = new AtomicBoolean();
        answer.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        answer.onNext(List.of(ByteBuffer.allocate(1000)));
        answer.onNext(List.of(ByteBuffer.allocate(1000)));
        assertTrue(cancelled.get());
        var failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> answer.getBody().toCompletableFuture().join());
        assertEquals(502, ((ApiException) failure.getCause()).status());
    }
}
