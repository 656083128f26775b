package torii.apps.entity;

/** What answers an application's requests. */
public enum Backend {
    /** Built in: answers deterministically from the request, for demos and tests. */
    ECHO,
    /** An OpenAI-compatible chat-completions server. */
    OPENAI,
    /**
     * An Azure OpenAI resource: its endpoint is the base URL and a deployment of it the model, since Azure names the
     * model in the path and takes its key in an {@code api-key} header.
     */
    AZURE_OPENAI,
    /** Any HTTP API, reached at {@code /apps/<id>/...} with the caller's identity passed on, never their token. */
    HTTP;

    /** The name in the API: lowercase, words joined by hyphens. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The backend of an API name, or none. */
    public static java.util.Optional<Backend> ofLabel(String label) {
        return java.util.Arrays.stream(values()).filter(backend -> backend.label().equals(label)).findFirst();
    }

    /** Whether requests leave the service for the application's base URL. */
    public boolean remote() {
        return this != ECHO;
    }
}
