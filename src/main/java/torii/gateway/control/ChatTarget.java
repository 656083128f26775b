package torii.gateway.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a chat completion is sent and in which header the application's key travels: an OpenAI-compatible server
 * takes {@code Authorization: Bearer}, Azure OpenAI a deployment in the path, an {@code api-version} in the query and
 * the key in {@code api-key}, or a Microsoft Entra ID access token as {@code Authorization: Bearer}. Its text never
 * shows the key or the token.
 */
public record ChatTarget(String url, String keyHeader, Optional<String> keyValue) {

    static final String AZURE_KEY_HEADER = "api-key";

    public static ChatTarget openAi(String baseUrl, Optional<String> key) {
        return new ChatTarget(withoutSlash(baseUrl) + "/chat/completions", "Authorization",
                key.map(value -> "Bearer " + value));
    }

    /** A deployment of an Azure OpenAI resource, whose endpoint is {@code https://<resource>.openai.azure.com}. */
    public static ChatTarget azure(String endpoint, String deployment, String apiVersion, Optional<String> key) {
        return new ChatTarget(azureUrl(endpoint, deployment, apiVersion), AZURE_KEY_HEADER, key);
    }

    /** The same deployment reached with an Entra ID access token instead of the resource's key. */
    public static ChatTarget azureWithToken(String endpoint, String deployment, String apiVersion, String token) {
        return new ChatTarget(azureUrl(endpoint, deployment, apiVersion), "Authorization", Optional.of("Bearer " + token));
    }

    static String azureUrl(String endpoint, String deployment, String apiVersion) {
        return withoutSlash(endpoint) + "/openai/deployments/" + segment(deployment) + "/chat/completions?api-version="
                + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The text as one path segment: every byte but RFC 3986's unreserved characters percent-encoded, so that no slash,
     * query or fragment can leave the segment. Applications refuse the deployments {@code .} and {@code ..}, which
     * would climb the path; one stored before that rule is encoded whole, so that it never reaches the path as it is.
     */
    static String segment(String text) {
        var dotsOnly = text.chars().allMatch(c -> c == '.');
        var encoded = new StringBuilder();
        for (var b : text.getBytes(StandardCharsets.UTF_8)) {
            var c = b & 0xff;
            if (!dotsOnly && unreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    @Override
    public String toString() {
        return "ChatTarget[" + url + ", " + keyHeader + (keyValue.isPresent() ? " set" : " none") + "]";
    }
}
