package torii.apps.entity;

/** What answers an application's requests. */
public enum Backend {
    /** Built in: answers deterministically from the request, for demos and tests. */
    ECHO,
    /** An OpenAI-compatible chat-completions server. */
    OPENAI
}
