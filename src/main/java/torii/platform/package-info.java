/**
 * Platform: what every capability stands on and that uses none of them. The one JSON error shape and the mapper that
 * turns every {@link torii.platform.control.Refusal} into it; the limits every request passes (body size whatever its
 * framing, strict forms and JSON, the request target); the headers every answer carries; scope names, the challenges
 * of RFC 6750, the claims of this service's tokens and the settings they share; the client address behind trusted
 * proxies and secrets kept in files; and the events capabilities fire for one another, in {@code entity}.
 */
package torii.platform;
