package com.example.backend.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.access.Permission;
import com.example.backend.users.UserService;

/**
 * Stateless bearer-token security. URL rules say what needs a login at all; finer
 * permission and ownership checks sit on controller methods ({@code @PreAuthorize}) and
 * in services. Anything not listed here is denied, so a new endpoint is closed until
 * someone opens it on purpose.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * No observations of the filter chain, authentication or authorization: they cost
	 * 8-13% of the CPU of a simple request (load-tests/lab/results/profile-before.md) and
	 * duplicate what http.server.requests and app.http.requests measure. This bean, not
	 * the property {@code management.observations.enable.spring.security=false}: the
	 * property only vetoes them one by one, while Spring Security still wraps every
	 * filter of the chain in an observing decorator and every authorization in an
	 * observing manager, each creating and discarding an observation context per request.
	 * With these settings it builds the plain chain. The HTTP and JDBC spans and timers
	 * are unaffected ({@code OperationsIT} checks that no Spring Security meter appears).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens accessTokens, UserService users,
			SecurityProblemHandler problems, @Value("${management.server.port:-1}") int managementPort)
			throws Exception {
		// Stateless: the authentication lives on the request only (never in a session).
		SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
		// CSRF protection is off: no cookies, so no ambient credentials to forge.
		http.securityContext(context -> context.securityContextRepository(contexts))
			.csrf(AbstractHttpConfigurer::disable)
			.cors(cors -> {
			})
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			// Two filters that work on every request for nothing here: an anonymous
			// token (the rules and ApiExceptionHandler take "none" as anonymous) and a
			// request wrapper for getUserPrincipal(), which nobody calls.
			.anonymous(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new AccessTokenFilter(accessTokens, users, problems, contexts),
					UsernamePasswordAuthenticationFilter.class)
			// Every method where nothing needs a token (auth, ping, a user's posts): a
			// wrong method there is MVC's 405, not a 401 for a token that cannot help.
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(AuthController.PATH + "/*", "/api/v1/ping", "/api/v1/users/*/posts")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/posts", "/api/v1/posts/*", "/api/v1/products",
						"/api/v1/products/*")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/livez", "/readyz")
				.permitAll()
				.requestMatchers(onManagementPort(managementPort))
				.permitAll()
				.requestMatchers("/actuator/prometheus", "/actuator/sbom", "/actuator/sbom/**")
				.hasAuthority(Permission.METRICS_READ.authority())
				.requestMatchers(HttpMethod.GET, "/")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers("/api/**")
				.authenticated()
				.anyRequest()
				.denyAll());
		return http.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsSettings settings) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(settings.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
				ApiHeaders.IDEMPOTENCY_KEY, ApiHeaders.REQUEST_ID));
		// WWW-Authenticate: a browser client tells an expired token (refresh) from a
		// missing one.
		cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
				HttpHeaders.WWW_AUTHENTICATE, ApiHeaders.REQUEST_ID, ApiHeaders.RESPONSE_TIME,
				ApiHeaders.IDEMPOTENT_REPLAYED, ApiHeaders.RATE_LIMIT_LIMIT, ApiHeaders.RATE_LIMIT_REMAINING));
		// Bearer tokens travel in a header, not in cookies: no credentials mode needed.
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

	/**
	 * The security chain's CORS filter (Spring Security picks it up by its bean name),
	 * with rejections answered as problem+json. It runs inside the chain only, not a
	 * second time as a servlet filter of its own.
	 */
	@Bean
	CorsFilter corsFilter(@Qualifier("corsConfigurationSource") CorsConfigurationSource source,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor(problems));
		return filter;
	}

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter corsFilter) {
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * The metrics scraper's and the SBOM scanner's way in: a separate management port
	 * (set in {@code prod}; reachable inside the cluster only, never through the public
	 * Service). Without one, both need an ADMIN token like any other protected endpoint.
	 */
	private static RequestMatcher onManagementPort(int managementPort) {
		return (request) -> managementPort > 0 && request.getLocalPort() == managementPort
				&& (request.getRequestURI().equals("/actuator/prometheus")
						|| request.getRequestURI().startsWith("/actuator/sbom"));
	}

}
