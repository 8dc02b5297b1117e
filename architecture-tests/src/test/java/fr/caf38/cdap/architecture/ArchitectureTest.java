package fr.caf38.cdap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of docs/architecture.md, checked on the main classes of every module that ships:
 * the services and the shared modules they build on.
 */
class ArchitectureTest {
    /** The modules whose main code is checked; test-only and tooling modules are left out. */
    private static final List<String> MODULES = List.of("shared-events", "messaging", "agent-security", "input-rules",
            "wording", "intake-service", "eligibility-service", "notification-service");
    private static final String[] SERVICES = {"fr.caf38.cdap.intake..", "fr.caf38.cdap.eligibility..",
            "fr.caf38.cdap.notification.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> folders = MODULES.stream().map(module -> root.resolve(module).resolve("target/classes"))
                .filter(Files::isDirectory).toList();
        assertThat(folders).as("compiled classes of the checked modules").hasSizeGreaterThanOrEqualTo(6);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(folders);
        assertThat(classes).hasSizeGreaterThan(100);
    }

    @Test
    void servicesNeverImportEachOther() {
        for (String service : SERVICES) {
            String[] others = java.util.Arrays.stream(SERVICES).filter(other -> !other.equals(service))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(service)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("each service is deployed on its own and talks to the others only through events")
                    .check(classes);
        }
    }

    @Test
    void sharedModulesNeverImportAService() {
        noClasses().that().resideInAnyPackage("fr.caf38.cdap.events..", "fr.caf38.cdap.messaging..",
                        "fr.caf38.cdap.security..", "fr.caf38.cdap.input..", "fr.caf38.cdap.wording..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .check(classes);
    }

    /**
     * The wiring ({@code *Application}, {@code *Configuration}, {@code *AutoConfiguration} and their
     * nested classes) sees every part it assembles; apart from that, no package depends back on one
     * that depends on it.
     */
    @Test
    void packagesFormNoCycle() {
        DescribedPredicate<JavaClass> wiring = DescribedPredicate.describe("the wiring", type -> {
            String topLevel = type.getName().substring(type.getPackageName().length() + 1).split("\\$")[0];
            return topLevel.endsWith("Application") || topLevel.endsWith("Configuration");
        });
        slices().matching("fr.caf38.cdap.(**)").should().beFreeOfCycles()
                .ignoreDependency(wiring, DescribedPredicate.alwaysTrue())
                .check(classes);
    }

    @Test
    void onlyMessagingTouchesKafka() {
        noClasses().that().resideOutsideOfPackage("fr.caf38.cdap.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .because("publishing goes through the outbox and consuming through BatchConsumer, both in messaging")
                .check(classes);
    }

    @Test
    void controllersAndPagesNeverTouchTheStore() {
        noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or().areAnnotatedWith("org.springframework.stereotype.Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..",
                        "org.bson..")
                .because("HTTP answers read and write through the feature's store class, where the by-key rule is kept")
                .check(classes);
    }

    @Test
    void theEligibilityRulesArePlainJava() {
        noClasses().that().resideInAPackage("fr.caf38.cdap.eligibility.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "org.apache.kafka..", "jakarta.servlet..")
                .because("the rules decide from the request alone and are tested without a container")
                .check(classes);
    }
}
