package torii.security.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/**
 * Enforces {@code @DenyAll}, {@code @PermitAll} and {@code @RolesAllowed} on every resource method, the method's
 * annotation before its class's. A method with none of them is denied: access is granted only where it is declared.
 * Then the scopes of the method's (else its class's) OpenAPI {@code @SecurityRequirement}.
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        var rule = rule(resource.getResourceMethod());
        if (rule == null) {
            rule = rule(resource.getResourceClass());
        }
        if (rule == null) {
            rule = RolesAllowedFilter.DENY_ALL;
        }
        if (rule != RolesAllowedFilter.PERMIT_ALL) {
            context.register(rule, Priorities.AUTHORIZATION);
        }
        var scopes = scopes(resource.getResourceMethod());
        if (scopes == null) {
            scopes = scopes(resource.getResourceClass());
        }
        if (scopes != null && !scopes.isEmpty()) {
            // After the role check, so that a caller without a token hears 401 before any talk of scopes.
            context.register(new ScopesFilter(scopes), Priorities.AUTHORIZATION + 1);
        }
    }

    /**
     * The scopes of the OAuth 2.0 security requirement in the OpenAPI document: what the document shows is what is
     * enforced, so the two cannot drift apart.
     */
    static Set<String> scopes(AnnotatedElement element) {
        var requirement = element.getAnnotation(SecurityRequirement.class);
        if (requirement == null || !requirement.name().equals(Scope.SCHEME)) {
            return null;
        }
        return Set.of(requirement.scopes());
    }

    static RolesAllowedFilter rule(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return RolesAllowedFilter.DENY_ALL;
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return RolesAllowedFilter.PERMIT_ALL;
        }
        var roles = element.getAnnotation(RolesAllowed.class);
        return roles == null ? null : new RolesAllowedFilter(Set.of(roles.value()));
    }
}
