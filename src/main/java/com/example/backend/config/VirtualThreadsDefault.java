package com.example.backend.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Request threads are virtual by default on Java 24 and newer (docs/adr/0007): the
 * default of {@code spring.threads.virtual.enabled} becomes {@code true} there, as the
 * last property source, so that any explicit setting (application properties, the
 * environment's {@code SPRING_THREADS_VIRTUAL_ENABLED}, a command-line argument) still
 * wins.
 * <p>
 * Not on Java 21 to 23, although Spring Boot would accept the property there: before JEP
 * 491 a virtual thread that blocks inside a {@code synchronized} block pins its carrier
 * thread, and that was not measured for this service's dependencies; the property turns
 * them on there by choice. Java 17 has no virtual threads and Spring Boot ignores the
 * property.
 */
class VirtualThreadsDefault implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "spring.threads.virtual.enabled";

	/** JEP 491: synchronized no longer pins a virtual thread to its carrier. */
	static final int FIRST_RUNTIME = 24;

	private final int runtimeVersion;

	VirtualThreadsDefault() {
		this(Runtime.version().feature());
	}

	VirtualThreadsDefault(int runtimeVersion) {
		this.runtimeVersion = runtimeVersion;
	}

	/** After the config data processor, like the other defaults of this package. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (this.runtimeVersion >= FIRST_RUNTIME) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("virtualThreadsDefault", Map.of(PROPERTY, "true")));
		}
	}

}
