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

/**
 * Enforces {@code @DenyAll}, {@code @PermitAll} and {@code @RolesAllowed} on every resource method, the method's
 * annotation before its class's. A method with none of them is denied: access is granted only where it is declared.
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
