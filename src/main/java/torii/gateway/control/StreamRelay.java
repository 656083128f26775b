package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import torii.platform.control.JsonObjects;
import torii.platform.control.OpenAiError;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Relays an upstream's event stream to the caller as its lines arrive, each event flushed at once. The upstream's
 * lines are queued by the HTTP client's threads and written by the caller's, so that a silence longer than the read
 * timeout is noticed; at most {@link #AHEAD} lines wait, and the upstream is asked for more only as the caller reads.
 * A silence, a broken connection or a malformed event ends the stream with an error event in OpenAI's shape. The usage
 * chunk the gateway asked for is passed on only if the caller asked for it too, and a chunk with neither choices nor
 * usage (Azure OpenAI's first, with its prompt_filter_results) never is.
 */
public class StreamRelay implements Flow.Subscriber<String>, StreamingOutput {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Object END = new Object();

    /** Lines asked of the upstream ahead of the caller: the upstream waits while the caller reads slowly. */
    static final int AHEAD = 256;

    // Room for the lines asked for, the end and a failure: an offer never finds it full.
    private final BlockingQueue<Object> lines = new ArrayBlockingQueue<>(AHEAD + 2);
    private final Duration silence;
    private final boolean includeUsage;
    private final Consumer<TokenUsage> finished;
    private volatile Flow.Subscription subscription;

    public StreamRelay(Duration silence, boolean includeUsage, Consumer<TokenUsage> finished) {
        this.silence = silence;
        this.includeUsage = includeUsage;
        this.finished = finished;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(AHEAD);
    }

    @Override
    public void onNext(String line) {
        lines.offer(line);
    }

    @Override
    public void onError(Throwable failure) {
        lines.offer(failure);
    }

    @Override
    public void onComplete() {
        lines.offer(END);
    }

    /** Once the caller has taken a line, the upstream may send one more. */
    void taken() {
        var upstream = subscription;
        if (upstream != null) {
            upstream.request(1);
        }
    }

    int queued() {
        return lines.size();
    }

    /** Ends the upstream's answer: the caller will not read it, or has read all it will. */
    public void cancel() {
        var upstream = subscription;
        if (upstream != null) {
            upstream.cancel();
        }
    }

    @Override
    public void write(OutputStream out) throws IOException {
        var usage = TokenUsage.NONE;
        try {
            while (true) {
                var item = lines.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    fail(out, UpstreamErrors.timeout());
                    return;
                }
                taken();
                if (!(item instanceof String line)) {
                    fail(out, new Refusal(Kind.UPSTREAM_FAILED, "upstream_error",
                            "The application's model server broke off its answer", null));
                    return;
                }
                if (!line.startsWith("data:")) {
                    continue;
                }
                var data = line.substring("data:".length()).strip();
                if (data.equals("[DONE]")) {
                    send(out, data);
                    return;
                }
                var chunk = JsonObjects.onlyObject(data).orElse(null);
                if (chunk == null) {
                    fail(out, UpstreamErrors.garbage());
                    return;
                }
                if (chunk.get("error") instanceof JsonObject) {
                    send(out, data);
                    return;
                }
                var reported = TokenUsage.of(chunk);
                if (reported.reported()) {
                    usage = reported;
                }
                if (isEmpty(chunk)) {
                    continue;
                }
                if (includeUsage || !isUsageOnly(chunk)) {
                    send(out, data);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cancel();
            finished.accept(usage);
        }
    }

    static boolean isUsageOnly(JsonObject chunk) {
        var choices = chunk.get("choices");
        return chunk.get("usage") instanceof JsonObject
                && (choices == null || choices.getValueType() != JsonValue.ValueType.ARRAY
                || choices.asJsonArray().isEmpty());
    }

    /**
     * Whether the chunk carries nothing a caller of OpenAI's API reads: an empty choices array and no usage, as the
     * chunk Azure OpenAI sends first with the results of its prompt filter. Dropped rather than relayed, since OpenAI
     * sends no such chunk and clients written for it read {@code choices[0]} of every chunk that is not the usage one;
     * and a filter that passed the prompt tells the caller nothing (one that refused it was a 400 before any stream).
     */
    static boolean isEmpty(JsonObject chunk) {
        var choices = chunk.get("choices");
        return !(chunk.get("usage") instanceof JsonObject) && choices != null
                && choices.getValueType() == JsonValue.ValueType.ARRAY && choices.asJsonArray().isEmpty();
    }

    /** One event, flushed at once. */
    public static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An error event after which the stream ends: the caller has had a 200 and can learn of the failure only so. */
    static void fail(OutputStream out, Refusal failure) throws IOException {
        send(out, JSON.toJson(OpenAiError.of(failure.kind().status(), failure.body(), null)));
    }
}
