package dev.onair.broadcast;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Feature packages may use each other without cycles; nothing outside {@code system}
 * depends on the wiring in {@code system}; only {@code state} and {@code outbox} write
 * broadcasts and snapshots.
 */
class FeatureBoundariesTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.onair.broadcast");

	@Test
	void featuresHaveNoCycles() {
		slices().matching("dev.onair.broadcast.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void nothingDependsOnSystemWiring() {
		noClasses().that()
			.resideOutsideOfPackage("dev.onair.broadcast.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.onair.broadcast.system..")
			.check(this.classes);
	}

	@Test
	void consumersAreBindingFunctionsNotKafkaListeners() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.kafka.annotation.KafkaListener")
			.check(this.classes);
	}

	@Test
	void onlyTheOutboxTalksToKafkaProducers() {
		noClasses().that()
			.resideOutsideOfPackages("dev.onair.broadcast.outbox..", "dev.onair.broadcast.system..")
			.should()
			.dependOnClassesThat()
			.haveSimpleName("KafkaTemplate")
			.check(this.classes);
	}

}
