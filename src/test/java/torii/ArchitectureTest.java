package torii;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies run one way, so that each capability can be read, tested and changed with only what lies below it:
 * no cycle between capability packages; the cross-cutting {@code platform} uses no capability; control and entity
 * classes never reach up into a boundary.
 */
@AnalyzeClasses(packages = "torii", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule CAPABILITIES_FORM_NO_CYCLE = slices().matching("torii.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule PLATFORM_USES_NO_CAPABILITY = classes().that().resideInAPackage("torii.platform..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("torii..").or(resideInAPackage("torii.platform..")));

    @ArchTest
    static final ArchRule ONLY_THE_APPLICATION_AT_THE_ROOT = classes().that().resideInAPackage("torii")
            .should().haveSimpleName("Torii");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_APPLICATION = noClasses().that().resideInAPackage("torii.*..")
            .should().dependOnClassesThat().resideInAPackage("torii");

    @ArchTest
    static final ArchRule CONTROL_AND_ENTITY_NEVER_REACH_A_BOUNDARY = noClasses().that()
            .resideInAnyPackage("..control..", "..entity..").should().dependOnClassesThat()
            .resideInAPackage("..boundary..");
}
