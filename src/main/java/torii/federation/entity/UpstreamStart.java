package torii.federation.entity;

import java.net.URI;
import java.time.Duration;

/**
 * The start of a sign-in at a provider: where to send the browser, and the value of the HttpOnly cookie that must come
 * back with the callback ({@code maxAge} is also when the sign-in expires).
 */
public record UpstreamStart(URI authorizationUrl, String cookie, Duration maxAge) {
}
