package com.example.backend.persistence;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The entity mapping matches the schema Flyway migrates to: every table, column and type
 * Hibernate expects exists. The application itself does not validate at start
 * ({@code spring.jpa.hibernate.ddl-auto=none}): Flyway owns the schema, and a mapping
 * that drifts from it is caught here, before it ships.
 */
class SchemaMappingIT extends IntegrationTest {

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void mappingMatchesTheMigratedSchema() {
		assertThatNoException().isThrownBy(() -> this.entityManagerFactory.getSchemaManager().validate());
	}

}
