package com.example.backend.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadsDefaultTest {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void turnsVirtualThreadsOnFromJava24() {
		postProcess(24);

		assertThat(this.environment.getProperty(VirtualThreadsDefault.PROPERTY)).isEqualTo("true");
	}

	@Test
	void leavesJava21To23AndOlderToTheProperty() {
		postProcess(23);

		assertThat(this.environment.containsProperty(VirtualThreadsDefault.PROPERTY)).isFalse();
	}

	@Test
	void anExplicitSettingWins() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("operator", Map.of(VirtualThreadsDefault.PROPERTY, "false")));

		postProcess(25);

		assertThat(this.environment.getProperty(VirtualThreadsDefault.PROPERTY)).isEqualTo("false");
	}

	private void postProcess(int runtimeVersion) {
		new VirtualThreadsDefault(runtimeVersion).postProcessEnvironment(this.environment, new SpringApplication());
	}

}
