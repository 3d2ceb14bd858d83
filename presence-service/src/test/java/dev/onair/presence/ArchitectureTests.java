package dev.onair.presence;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Feature packages stay acyclic and configuration stays out of them. */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.onair.presence");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.onair.presence.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void featuresDoNotDependOnConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("dev.onair.presence.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.onair.presence.system..")
			.check(this.classes);
	}

	@Test
	void membershipKnowsNothingOfKafkaOrTheWeb() {
		noClasses().that()
			.resideInAPackage("dev.onair.presence.membership..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..", "org.springframework.web..")
			.check(this.classes);
	}

}
