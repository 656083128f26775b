package bench;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's baseline, never part of the product: added by the benchmark to a copy of the service's WAR, so that
 * it passes the same filters as the gateway (request limits, token check, security headers) and then answers the echo
 * backend's completion, or its stream, fixed: no grant, limit, parsing or count. What the gateway costs more than this
 * is what the gateway itself costs.
 */
@Path("trivial/v1/chat/completions")
@ApplicationScoped
@RolesAllowed("**")
public class TrivialCompletion {

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
        return Response.ok(events, "text/event-stream").header("Cache-Control", "no-cache").build();
    }
}
