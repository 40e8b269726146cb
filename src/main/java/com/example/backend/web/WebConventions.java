package com.example.backend.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.backend.filters.FilterOrder;

import com.example.backend.errors.ProblemErrorReportValve;

/** Spring MVC and Tomcat settings that belong to the API conventions. */
@Configuration(proxyBeanMethods = false)
class WebConventions implements WebMvcConfigurer {

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new QueryStringCheck());
	}

	/**
	 * The API speaks JSON only, so under {@code /api/} the {@code Accept} header is not
	 * consulted: a client asking for something else (or sending garbage) still gets JSON,
	 * and never a change that was applied but answered 406. Elsewhere (actuator, OpenAPI)
	 * the header decides as usual.
	 */
	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		ContentNegotiationStrategy jsonForApi = (request) -> {
			HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
			return (servletRequest != null && servletRequest.getRequestURI().startsWith("/api/")) ? JSON
					: ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
		};
		configurer.strategies(List.of(jsonForApi, new HeaderContentNegotiationStrategy()));
	}

	/**
	 * Request bodies too are JSON only. Spring reads YAML whenever a YAML module is on
	 * the class path (springdoc brings one for its document); a YAML body would bypass
	 * the JSON reader's strict settings (web/JsonInput), so it gets 415 like any other
	 * type.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList((converters) -> converters
			.removeIf((converter) -> converter.getSupportedMediaTypes().contains(MediaType.APPLICATION_YAML)));
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(RequestBodySettings settings) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(settings));
		registration.setOrder(FilterOrder.REQUEST_BODY_LIMIT);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

}
