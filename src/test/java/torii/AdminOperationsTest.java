package torii;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.tokens.control.Scope;

/**
 * Every operation that needs the admin role needs the admin scope too, so that a token an administrator asked for with
 * narrower scopes administers nothing. The scopes are enforced from the same annotation (RolesAllowedFeature).
 */
@AnalyzeClasses(packages = "torii", importOptions = ImportOption.DoNotIncludeTests.class)
class AdminOperationsTest {

    @ArchTest
    static final ArchRule ADMIN_ROLE_MEANS_ADMIN_SCOPE = methods().that().areDeclaredInClassesThat()
            .areAnnotatedWith(Path.class).should(new ArchCondition<>("ask for the admin scope when they ask for the "
                    + "admin role") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    var operation = method.reflect();
                    if (!isOperation(operation)) {
                        return;
                    }
                    var roles = first(operation, RolesAllowed.class);
                    var requirement = first(operation, SecurityRequirement.class);
                    var administers = roles != null && Set.of(roles.value()).contains(Scope.ADMIN);
                    var scoped = requirement != null && Arrays.asList(requirement.scopes()).contains(Scope.ADMIN);
                    if (administers && !scoped) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                + " needs the admin role but not the admin scope"));
                    }
                }
            });

    static boolean isOperation(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    /** The method's annotation, else its class's, as the security filters read them. */
    static <A extends java.lang.annotation.Annotation> A first(Method method, Class<A> type) {
        AnnotatedElement[] places = {method, method.getDeclaringClass()};
        return Arrays.stream(places).map(place -> place.getAnnotation(type)).filter(a -> a != null).findFirst()
                .orElse(null);
    }
}
