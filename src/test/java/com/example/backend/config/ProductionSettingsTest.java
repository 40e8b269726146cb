package com.example.backend.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductionSettingsTest {

	private static final String STRONG_KEY = "FzAzeKOIubTzDSZX9DQ61AOkTctaGGRt5TtIa6pwOOtyn7/MR1TukqPp+ZhvxSBv";

	private final Map<String, String> settings = new HashMap<>(Map.of("spring.datasource.url",
			"jdbc:postgresql://db:5432/app", "spring.datasource.username", "app", "spring.datasource.password",
			"b7Qm2xV9pLr4Tz8w", "app.jwt.secret", STRONG_KEY, "app.bootstrap-admin.email", "admin@example.com",
			"app.bootstrap-admin.password", "kP3vN8qR2mX6sT1z", "app.cors.allowed-origins", "https://app.example.com",
			"spring.data.redis.host", "redis.internal"));

	@Test
	void acceptsCompleteStrongSettings() {
		assertThat(problems()).isEmpty();
	}

	@Test
	void namesEveryMissingSettingAtOnceWithItsEnvironmentVariable() {
		this.settings.clear();

		assertThat(problems()).hasSize(5)
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATASOURCE_URL"))
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATA_REDIS_HOST"))
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATASOURCE_USERNAME"))
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATASOURCE_PASSWORD"))
			.anySatisfy((problem) -> assertThat(problem).contains("APP_JWT_SECRET", "openssl rand"));
	}

	@Test
	void rejectsShortNonBase64AndTemplateJwtSecrets() {
		for (String weak : new String[] { "c2hvcnQ=", "not base64 at all!", "REPLACE_ME" }) {
			this.settings.put("app.jwt.secret", weak);
			assertThat(problems()).as(weak).singleElement().asString().contains("APP_JWT_SECRET");
		}
	}

	@Test
	void rejectsShortAndTemplatePasswords() {
		this.settings.put("spring.datasource.password", "app-dev");
		this.settings.put("app.bootstrap-admin.password", "change-me-please-now");

		assertThat(problems()).hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATASOURCE_PASSWORD", "too weak"))
			.anySatisfy((problem) -> assertThat(problem).contains("BOOTSTRAP_ADMIN_PASSWORD", "too weak"));
	}

	@Test
	void theAdminPasswordMattersOnlyWhenAnAdminIsBootstrapped() {
		this.settings.remove("app.bootstrap-admin.email");
		this.settings.remove("app.bootstrap-admin.password");

		assertThat(problems()).isEmpty();
	}

	@Test
	void rejectsOtherDatabasesAndWildcardOrigins() {
		this.settings.put("spring.datasource.url", "jdbc:h2:mem:test");
		this.settings.put("app.cors.allowed-origins", "*");

		assertThat(problems()).hasSize(2);
	}

	@Test
	void neverEchoesAValue() {
		this.settings.put("spring.datasource.password", "short-pw");

		assertThat(problems()).singleElement().asString().doesNotContain("short-pw");
	}

	private List<String> problems() {
		return ProductionSettings.problems(this.settings::get);
	}

}
