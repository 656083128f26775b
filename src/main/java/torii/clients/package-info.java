/**
 * Clients: the registry of applications that ask for tokens (public ones such as the docs page and the chat front end,
 * confidential services from the configuration) and client authentication by {@code client_secret_basic} and
 * {@code client_secret_post} (RFC 6749 section 2.3.1).
 */
package torii.clients;
