package com.example.backend.users;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.IntegrationTest;
import com.example.backend.support.QueryPlans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database itself refuses bad data, whatever the code above it does; and the queries
 * the API offers have indexes.
 */
class SchemaConstraintsIT extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void emailsAreStoredNormalisedAndUnique() {
		insertUser(900_001, "case@test.local");

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertUser(900_002, "case@test.local"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertUser(900_003, "Other@Test.local"));
	}

	@Test
	void roleMustBeKnown() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc
			.update("insert into users (id, email, password_hash, display_name, role, created_at, updated_at) "
					+ "values (900003, 'r@test.local', 'x', 'R', 'KING', now(), now())"));
	}

	@Test
	void productsRefuseNegativeStockAndNonPositivePrice() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.jdbc.update("insert into products (id, sku, name, price, stock, created_at, updated_at) "
						+ "values (900001, 'SKU-NEG', 'n', 1.00, -1, now(), now())"));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.jdbc.update("insert into products (id, sku, name, price, stock, created_at, updated_at) "
						+ "values (900002, 'SKU-FREE', 'n', 0, 1, now(), now())"));
	}

	@Test
	void everyForeignKeyHasAnIndex() {
		List<String> unindexed = this.jdbc.queryForList("""
				select c.conrelid::regclass || '.' || a.attname
				from pg_constraint c
				join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
				where c.contype = 'f'
				  and not exists (select 1 from pg_index i
				                  where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
				""", String.class);

		assertThat(unindexed).isEmpty();
	}

	@Test
	void userSearchUsesTheTrigramIndex() {
		String plan = QueryPlans.explain(this.jdbc,
				"select * from users where lower(email) like '%needle%' or lower(display_name) like '%needle%'");

		assertThat(plan).contains("users_email_trgm_idx", "users_display_name_trgm_idx");
	}

	private void insertUser(long id, String email) {
		this.jdbc.update("insert into users (id, email, password_hash, display_name, role, created_at, updated_at) "
				+ "values (?, ?, 'x', 'X', 'USER', now(), now())", id, email);
	}

}
