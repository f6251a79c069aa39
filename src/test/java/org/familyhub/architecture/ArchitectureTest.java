package org.familyhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Lines the design draws between capabilities. */
@AnalyzeClasses(packages = "org.familyhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The consent rules are plain Java: a Camel route calls them, they never depend on Camel (DESIGN §2a). */
    @ArchTest
    static final ArchRule consentHasNoCamel = noClasses().that().resideInAPackage("org.familyhub.consent..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.camel..");

    /**
     * Parsers, identifier rules and the linkage engine stand alone (also used by the generator, the evaluate command
     * and benchmarks without Spring); the linkage engine's storage lives in {@code linkage.store}.
     */
    @ArchTest
    static final ArchRule formatsAreFrameworkFree = noClasses()
            .that().resideInAnyPackage("org.familyhub.connector.format..", "org.familyhub.validation..", "org.familyhub.record..",
                    "org.familyhub.linkage")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..");
}
