package torii.security.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import torii.platform.control.Refusal;

class RolesAllowedFeatureTest {

    @RolesAllowed("admin")
    static class AdminResource {
        public void guarded() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed("**")
        public void anyone() {
        }
    }

    static class Unannotated {
        public void forgotten() {
        }
    }

    /** The filter the feature registers for a resource method, or null when it registers none. */
    static ContainerRequestFilter filterFor(Class<?> resource, String method) throws Exception {
        Method target = resource.getMethod(method);
        var info = proxy(ResourceInfo.class, (name, args) -> switch (name) {
            case "getResourceMethod" -> target;
            case "getResourceClass" -> resource;
            default -> null;
        });
        List<Object> registered = new ArrayList<>();
        var context = proxy(FeatureContext.class, (name, args) -> {
            registered.add(args[0]);
            return null;
        });
        new RolesAllowedFeature().configure(info, context);
        return registered.isEmpty() ? null : (ContainerRequestFilter) registered.get(0);
    }

    static ContainerRequestContext request(String user, Set<String> roles) {
        var security = proxy(SecurityContext.class, (name, args) -> switch (name) {
            case "getUserPrincipal" -> user == null ? null : (Principal) () -> user;
            case "isUserInRole" -> roles.contains((String) args[0]);
            default -> null;
        });
        return proxy(ContainerRequestContext.class, (name, args) -> name.equals("getSecurityContext") ? security : null);
    }

    static int refusal(ContainerRequestFilter filter, ContainerRequestContext request) {
        return assertThrows(Refusal.class, () -> filter.filter(request)).kind().status();
    }

    @Test
    void permitAllOnTheMethodOpensIt() throws Exception {
        assertNull(filterFor(AdminResource.class, "open"));
    }

    @Test
    void classRolesApplyToMethodsWithoutTheirOwn() throws Exception {
        var filter = filterFor(AdminResource.class, "guarded");
        assertEquals(401, refusal(filter, request(null, Set.of())));
        assertEquals(403, refusal(filter, request("johndoe", Set.of("user"))));
        assertDoesNotThrow(() -> filter.filter(request("root", Set.of("admin"))));
    }

    @Test
    void denyAllRefusesEvenAnAdministrator() throws Exception {
        assertEquals(403, refusal(filterFor(AdminResource.class, "closed"), request("root", Set.of("admin"))));
    }

    @Test
    void doubleStarLetsAnyAuthenticatedCallerIn() throws Exception {
        var filter = filterFor(AdminResource.class, "anyone");
        assertDoesNotThrow(() -> filter.filter(request("johndoe", Set.of())));
        assertEquals(401, refusal(filter, request(null, Set.of())));
    }

    @Test
    void methodWithoutAnyAnnotationIsDenied() throws Exception {
        assertEquals(403, refusal(filterFor(Unannotated.class, "forgotten"), request("root", Set.of("admin"))));
    }

    interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.handle(method.getName(), args));
    }
}
