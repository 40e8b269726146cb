package com.example.backend.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to click once the service is up. */
@Component
class StartupInfo {

	private static final Logger log = LoggerFactory.getLogger(StartupInfo.class);

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		if (environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true)) {
			log.info(
					"Ready. Swagger UI: http://localhost:{}/swagger-ui.html  OpenAPI: http://localhost:{}/v3/api-docs  "
							+ "Health: http://localhost:{}/actuator/health",
					port, port, port);
		}
		else {
			log.info("Ready on port {}. Health: /actuator/health", port);
		}
	}

}
