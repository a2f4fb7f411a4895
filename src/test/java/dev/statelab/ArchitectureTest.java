package dev.statelab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/** The borders of the design, kept by a test: the store knows no protocol, and protocols do not reach into each other. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.statelab");
    }

    /** NullAway checks only @NullMarked code, so a package without it would slip past the compiler. */
    @Test
    void everyPackageIsNullMarkedSoTheCompilerChecksItsNulls() {
        classes().should(ArchCondition.from(DescribedPredicate.<JavaClass>describe("be in a @NullMarked package",
                        javaClass -> javaClass.getPackage().isAnnotatedWith(NullMarked.class))))
                .check(classes);
    }

    @Test
    void fileStoreKnowsNoProtocolAndNoWeb() {
        noClasses().that().resideInAPackage("dev.statelab.files..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.relay..", "dev.statelab.web..",
                        "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..")
                .check(classes);
    }

    @Test
    void usersKnowNoProtocol() {
        noClasses().that().resideInAPackage("dev.statelab.users..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.relay..")
                .check(classes);
    }

    @Test
    void webConcernsKnowNoProtocolAndNoAccountsSoEveryPackageMayUseThem() {
        noClasses().that().resideInAPackage("dev.statelab.web..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.relay..", "dev.statelab.compare..",
                        "dev.statelab.users..")
                .check(classes);
    }

    @Test
    void statelessApiDoesNotReachIntoOtherProtocols() {
        noClasses().that().resideInAPackage("dev.statelab.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.statelab.ftp..", "dev.statelab.relay..")
                .check(classes);
    }

    @Test
    void ftpApiDoesNotReachIntoOtherProtocols() {
        noClasses().that().resideInAPackage("dev.statelab.ftp..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.statelab.http..", "dev.statelab.relay..")
                .check(classes);
    }

    @Test
    void ftpEngineKnowsNoHttpSoAControlConnectionCouldDriveIt() {
        noClasses().that().resideInAPackage("dev.statelab.ftp.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
                        "org.springframework.session..", "org.springframework.security..", "dev.statelab.web..",
                        "io.swagger..", "tools.jackson..", "com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAPackage("dev.statelab.ftp")
                .check(classes);
    }

    @Test
    void ftpPortIsAFaceOverTheEngineAndKnowsNoHttp() {
        noClasses().that().resideInAPackage("dev.statelab.ftp.port..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
                        "org.springframework.session..", "dev.statelab.files..", "dev.statelab.web..")
                .check(classes);
    }

    @Test
    void comparisonAsksTheStoreAndNeverTalksToRedisItself() {
        noClasses().that().resideInAPackage("dev.statelab.compare..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..")
                .check(classes);
    }

    @Test
    void relayDoesNotReachIntoFileProtocols() {
        noClasses().that().resideInAPackage("dev.statelab.relay..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.files..")
                .check(classes);
    }

    @Test
    void sharedStoreKnowsNoProtocol() {
        noClasses().that().resideInAPackage("dev.statelab.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.relay..", "dev.statelab.compare..",
                        "dev.statelab.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void onlyTheStoreTalksToRedis() {
        noClasses().that().resideOutsideOfPackage("dev.statelab.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..")
                .check(classes);
    }

    @Test
    void onlyTheExchangeTouchesTheHttpSession() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.statelab.ftp.FtpExchange")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.servlet.http.HttpSession")
                .check(classes);
    }

    @Test
    void comparisonIsOnlyAClientOfTheProtocols() {
        noClasses().that().resideInAPackage("dev.statelab.compare..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.statelab.http..", "dev.statelab.ftp..", "dev.statelab.relay..")
                .check(classes);
    }

    @Test
    void socketsLabIsOnItsOwn() {
        noClasses().that().resideInAPackage("dev.statelab.sockets..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.statelab.http..", "dev.statelab.ftp..",
                        "dev.statelab.relay..", "dev.statelab.files..", "dev.statelab.compare..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.statelab.sockets..")
                .should().dependOnClassesThat().resideInAPackage("dev.statelab.sockets..")
                .check(classes);
    }

    @Test
    void trafficCountingDependsOnNoOtherPartSoEveryProtocolMayUseIt() {
        noClasses().that().resideInAPackage("dev.statelab.traffic..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.files..", "dev.statelab.users..", "dev.statelab.http..", "dev.statelab.ftp..",
                        "dev.statelab.relay..", "dev.statelab.web..", "dev.statelab.compare..",
                        "jakarta.servlet..", "org.springframework..")
                .check(classes);
    }

    @Test
    void connectionThreadsDependOnNoOtherPartSoEverySocketServerMayUseThem() {
        noClasses().that().resideInAPackage("dev.statelab.threads..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.statelab.files..", "dev.statelab.users..", "dev.statelab.http..", "dev.statelab.ftp..",
                        "dev.statelab.relay..", "dev.statelab.web..", "dev.statelab.compare..", "dev.statelab.sockets..",
                        "dev.statelab.store..", "dev.statelab.traffic..", "org.springframework..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void configurationClassesNeverProxyTheirBeanMethods() {
        DescribedPredicate<JavaAnnotation<?>> withoutProxies = DescribedPredicate.describe(
                "@Configuration(proxyBeanMethods = false)",
                annotation -> annotation.getRawType().isEquivalentTo(Configuration.class)
                        && Boolean.FALSE.equals(annotation.get("proxyBeanMethods").orElse(Boolean.TRUE)));
        classes().that().areAnnotatedWith(Configuration.class).should().beAnnotatedWith(withoutProxies)
                .check(classes);
    }
}
