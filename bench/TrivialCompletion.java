import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The benchmark's baseline, never part of the product: a chat-completions endpoint on the same server that reads the
 * request and answers the echo backend's completion, or its stream, fixed, with no token, grant, limit or count.
 */
@ApplicationPath("")
public class TrivialCompletion extends Application {

    /** As the service sets it, so that both send a stream alike. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }

    /** The endpoint. */
    @Path("v1/chat/completions")
    public static class Endpoint {

        static final String HEAD = "{\"id\":\"chatcmpl-0\",\"object\":\"chat.completion.chunk\",\"created\":0,"
                + "\"model\":\"translator\",\"choices\":[{\"index\":0,";
        static final String COMPLETION = "{\"id\":\"chatcmpl-0\",\"object\":\"chat.completion\",\"created\":0,"
                + "\"model\":\"translator\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Translate this sentence please\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,"
                + "\"completion_tokens\":4,\"total_tokens\":8}}";
        static final String[] STREAM = {
            HEAD + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
            HEAD + "\"delta\":{\"content\":\"Translate\"},\"finish_reason\":null}]}",
            HEAD + "\"delta\":{\"content\":\" this\"},\"finish_reason\":null}]}",
            HEAD + "\"delta\":{\"content\":\" sentence\"},\"finish_reason\":null}]}",
            HEAD + "\"delta\":{\"content\":\" please\"},\"finish_reason\":null}]}",
            HEAD + "\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "[DONE]"};

        @POST
        public Response complete(String body) {
            if (!body.contains("\"stream\":true")) {
                return Response.ok(COMPLETION, "application/json").build();
            }
            StreamingOutput events = out -> {
                for (var data : STREAM) {
                    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            };
            return Response.ok(events, "text/event-stream").build();
        }
    }
}
