package com.example.backend.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock for token and refresh-token times, so that their rules can be tested with a
 * fixed clock. (Row timestamps come from {@code AuditedEntity}, which JPA instantiates.)
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
