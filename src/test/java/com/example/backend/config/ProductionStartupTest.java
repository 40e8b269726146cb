package com.example.backend.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.backend.BackendApplication;
import com.example.backend.config.ProductionSettingsCheck.UnsafeProductionSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code prod} profile refuses to start without its settings, before anything
 * connects anywhere, and says what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupTest {

	@Test
	void prodFailsFastWithOneMessageListingEveryMissingSetting(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BackendApplication.class);

		assertThatExceptionOfType(UnsafeProductionSettings.class)
			.isThrownBy(() -> application.run("--spring.profiles.active=prod", "--spring.datasource.url=",
					"--spring.datasource.username=", "--spring.datasource.password=", "--app.jwt.secret=short",
					"--app.bootstrap-admin.email=admin@example.com", "--app.bootstrap-admin.password=",
					"--server.port=0", "--management.server.port=0"));

		assertThat(output).contains("APPLICATION FAILED TO START", "SPRING_DATASOURCE_URL",
				"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "APP_JWT_SECRET",
				"APP_BOOTSTRAP_ADMIN_PASSWORD", ".env.example");
	}

}
