package dev.onair.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The WebSocket surface ({@code ws}) is the only entry point: features below it never
 * reach back into it, and nothing but {@code ws} and {@code drain} touches Spring's
 * WebSocket types.
 */
class FeatureBoundariesTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.onair.gateway");

	@Test
	void featuresDoNotDependOnTheWebSocketSurface() {
		noClasses().that()
			.resideOutsideOfPackage("dev.onair.gateway.ws..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.onair.gateway.ws..")
			.check(this.classes);
	}

	@Test
	void onlyTheSurfaceAndTheDrainUseSpringWebSocketTypes() {
		noClasses().that()
			.resideOutsideOfPackages("dev.onair.gateway.ws..", "dev.onair.gateway.drain..",
					"dev.onair.gateway.session..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.web.reactive.socket..")
			.check(this.classes);
	}

}
