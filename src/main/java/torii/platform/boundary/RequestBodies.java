package torii.platform.boundary;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies read alike on every JAX-RS runtime. An empty body sent without a Content-Type (a bare POST) is read as
 * the one media type its method consumes, as Jersey does, where RESTEasy would refuse it with 415 before the caller
 * could hear what is missing. A body with content but no Content-Type is refused with 415: what it holds is unknown.
 * A body the runtime cannot decode (a form with a broken percent escape, which RESTEasy reports as an
 * IllegalArgumentException) is the caller's mistake: 400.
 */
@Provider
@PreMatching
public class RequestBodies implements ContainerRequestFilter, DynamicFeature {

    static final Set<String> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    /** An empty body that names no type matches whatever its method consumes; Reading then names the type. */
    @Override
    public void filter(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null) {
            return;
        }
        if (request.hasEntity()) {
            // Jersey would let it match whatever the method consumes.
            throw new NotSupportedException("A request body needs a Content-Type");
        }
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.WILDCARD);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Optional.ofNullable(resource.getResourceMethod().getAnnotation(Consumes.class))
                .or(() -> Optional.ofNullable(resource.getResourceClass().getAnnotation(Consumes.class)))
                .map(Consumes::value).filter(types -> types.length == 1)
                .ifPresent(types -> context.register(new Reading(MediaType.valueOf(types[0]))));
    }

    /** Reads the bodies of a method that consumes one media type. */
    record Reading(MediaType consumed) implements ReaderInterceptor {

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            if (context.getMediaType() != null && context.getMediaType().isWildcardType()) {
                context.setMediaType(consumed);
            }
            try {
                return context.proceed();
            } catch (IllegalArgumentException undecodable) {
                throw new BadRequestException(undecodable);
            }
        }
    }
}
