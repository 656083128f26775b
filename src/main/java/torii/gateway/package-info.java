/**
 * The LLM gateway: OpenAI's chat-completions API at {@code /v1}, with a bearer token of this service as the API key
 * and an application id as the model. A request needs the token's {@code app:<id>} scope and a current grant; it is
 * answered by the built-in echo backend or relayed to the application's OpenAI-compatible upstream with the
 * upstream's own key, the configured model and the caller's username as {@code user}. Requests and the tokens the
 * backend reports are counted per user, application and day, and requests are limited per user and application per
 * minute; both counters live in the database, so that every instance shares them.
 */
package torii.gateway;
