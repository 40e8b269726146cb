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
			"spring.data.redis.host", "redis.internal", "management.server.port", "9090"));

	@Test
	void acceptsCompleteStrongSettings() {
		assertThat(problems()).isEmpty();
	}

	@Test
	void namesEveryMissingSettingAtOnceWithItsEnvironmentVariable() {
		this.settings.clear();

		assertThat(problems()).hasSize(6)
			.anySatisfy((problem) -> assertThat(problem).contains("SPRING_DATASOURCE_URL"))
			.anySatisfy((problem) -> assertThat(problem).contains("MANAGEMENT_PORT"))
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
			.anySatisfy((problem) -> assertThat(problem).contains("APP_BOOTSTRAP_ADMIN_PASSWORD", "too weak"));
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
	void rejectsAJwtSecretThatIsReadableText() {
		// The base64 of a sentence passes the length check, but no random key looks so.
		this.settings.put("app.jwt.secret", "YmVuY2htYXJrLW9ubHktc2VjcmV0LW5ldmVyLXVzZS1pbi1wcm9kdWN0aW9uLTQ4Yg==");

		assertThat(problems()).singleElement().asString().contains("APP_JWT_SECRET", "readable text");
	}

	@Test
	void rejectsDemoDataAndTheDevelopmentDatabase() {
		this.settings.put("app.demo-data.enabled", "true");
		this.settings.put("app.dev-database.enabled", " TRUE");

		assertThat(problems()).hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).contains("app.demo-data.enabled"))
			.anySatisfy((problem) -> assertThat(problem).contains("app.dev-database.enabled"));
	}

	@Test
	void rejectsManagementOnTheApiPort() {
		this.settings.put("management.server.port", "8080");
		assertThat(problems()).singleElement().asString().contains("MANAGEMENT_PORT");

		this.settings.put("server.port", "9000");
		this.settings.put("management.server.port", "9000");
		assertThat(problems()).singleElement().asString().contains("MANAGEMENT_PORT");

		this.settings.put("management.server.port", "9090");
		assertThat(problems()).isEmpty();

		// Two random ports (tests) are never the same one.
		this.settings.put("server.port", "0");
		this.settings.put("management.server.port", "0");
		assertThat(problems()).isEmpty();
	}

	@Test
	void rejectsTrustedProxyRangesThatCoverTheInternet() {
		for (String risky : new String[] { "0.0.0.0/0", "::/0", "10.0.0.0/8, 0.0.0.0/1", "2000::/3", "10.0.0.0/x" }) {
			this.settings.put("app.trusted-proxies", risky);
			assertThat(problems()).as(risky).singleElement().asString().contains("APP_TRUSTED_PROXIES");
		}
		this.settings.put("app.trusted-proxies", "10.0.0.0/8, 172.16.0.0/12, fd00::/16, 192.0.2.10");
		assertThat(problems()).isEmpty();
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
