package dev.onair.media;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Feature packages depend on each other in one direction only: signal → rooms/viewers →
 * placement/replies → janus; nothing depends on signal, and janus knows no feature.
 */
class PackageBoundariesTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.onair.media");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.onair.media.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void janusClientKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("..media.janus..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..media.rooms..", "..media.viewers..", "..media.signal..", "..media.placement..",
					"..media.replies..")
			.check(this.classes);
	}

	@Test
	void onlyTheSystemPackageConfigures() {
		noClasses().that()
			.resideOutsideOfPackage("..media.system..")
			.should()
			.beAnnotatedWith(org.springframework.context.annotation.Configuration.class)
			.check(this.classes);
	}

}
