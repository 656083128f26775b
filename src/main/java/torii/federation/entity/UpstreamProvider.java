package torii.federation.entity;

/** A provider people may sign in with: its id in this service's URLs, and the name its button shows. */
public record UpstreamProvider(String id, String name) {
}
