package dev.onair.search;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The index knows nothing of Kafka or HTTP; ingestion and the HTTP read side meet only
 * through the index; configuration depends on features, never the other way round.
 */
class FeatureBoundariesTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.onair.search");

	@Test
	void featuresHaveNoCycles() {
		slices().matching("dev.onair.search.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theIndexDependsOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage("..search.index..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..search.ingest..", "..search.query..", "org.springframework.kafka..",
					"org.springframework.web..")
			.check(CLASSES);
	}

	@Test
	void ingestionAndQueriesAreIndependent() {
		noClasses().that()
			.resideInAPackage("..search.ingest..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..search.query..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..search.query..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..search.ingest..", "org.springframework.kafka..")
			.check(CLASSES);
	}

}
