package com.example.backend.experiment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The experiment endpoints are open, so that a load generator needs no token (a token
 * check would add work that is not the point of the measurement). A chain of its own,
 * ahead of the application's, matching only the experiment path: the application's rules
 * stay as they are.
 */
@Configuration(proxyBeanMethods = false)
@Profile(SlowEndpointController.PROFILE)
class ExperimentSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain experimentEndpoints(HttpSecurity http) throws Exception {
		return http.securityMatcher(SlowEndpointController.PATH + "/**")
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

}
