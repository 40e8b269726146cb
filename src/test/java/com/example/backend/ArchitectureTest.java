package com.example.backend;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure the README promises, checked on every build: features are packages that
 * talk through services, controllers never reach repositories, entities and repositories
 * stay inside their feature.
 */
class ArchitectureTest {

	private static final JavaClasses app = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.example.backend");

	@Test
	void featuresHaveNoDependencyCycles() {
		slices().matching("com.example.backend.(*)..").should().beFreeOfCycles().check(app);
	}

	@Test
	void controllersNeverTouchRepositories() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(Repository.class)
			.check(app);
	}

	@Test
	void repositoriesAndEntitiesStayInsideTheirFeature() {
		classes().that().areAssignableTo(Repository.class).should().notBePublic().check(app);
		classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(app);
	}

	@Test
	void sharedPackagesDependOnNoFeature() {
		noClasses().that()
			.resideInAnyPackage("..backend.access..", "..backend.contract..", "..backend.web..", "..backend.errors..",
					"..backend.clientaddress..", "..backend.hashing..", "..backend.filters..",
					"..backend.persistence..", "..backend.cache..", "..backend.redis..", "..backend.ratelimit..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("..backend.access..", "..backend.contract..", "..backend.web..",
					"..backend.errors..", "..backend.clientaddress..", "..backend.hashing..", "..backend.filters..",
					"..backend.persistence..", "..backend.cache..", "..backend.redis..", "..backend.ratelimit..",
					"java..", "jakarta..", "javax..", "org..", "io..", "com.github..", "tools.jackson..",
					"ch.qos.logback..", "com.fasterxml..")
			.check(app);
	}

	@Test
	void usersDoNotKnowAboutAuthentication() {
		noClasses().that()
			.resideInAPackage("..backend.users..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..backend.auth..")
			.check(app);
	}

	@Test
	void servicesSeeNoHttp() {
		noClasses().that()
			.areAnnotatedWith(Service.class)
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("com.example.backend.web.ETags")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "jakarta.servlet..")
			.check(app);
	}

	@Test
	void entitiesTakePlainValuesNotRequests() {
		noClasses().that()
			.areAnnotatedWith(Entity.class)
			.should()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Request")
			.check(app);
	}

	/**
	 * Behaviour is switched by properties, which a profile may set; code that tests a
	 * profile name breaks silently when profiles are combined or renamed. The filter
	 * variants are the exception: they are profiles by design.
	 */
	@Test
	void onlyTheFilterVariantsDependOnProfileNames() {
		noClasses().that()
			.resideOutsideOfPackage("..backend.filters..")
			.should()
			.beAnnotatedWith(Profile.class)
			.orShould()
			.callMethodWhere(DescribedPredicate.describe("a profile check of the Environment",
					(JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(Environment.class)
							&& call.getName().endsWith("Profiles")))
			.check(app);
	}

	@Test
	void dependenciesAreInjectedThroughConstructors() {
		noFields().should().beAnnotatedWith(Autowired.class).check(app);
	}

}
