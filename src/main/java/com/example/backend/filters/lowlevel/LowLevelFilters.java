package com.example.backend.filters.lowlevel;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.example.backend.filters.FilterOrder;
import com.example.backend.filters.RequestTelemetry;

/**
 * The request filters as plain servlet filters (profile {@code filters-low}, and the
 * default whenever {@code filters-high} is not active): registered explicitly, in an
 * explicit order, for exactly the dispatches they need. The default because it never
 * buffers a body and costs least; the measurement is in {@code docs/lab.md}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!filters-high & !filter-experiment")
class LowLevelFilters {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(FilterOrder.REQUEST_ID);
		// Async and error dispatches run after the first pass has left; they need the id
		// in their MDC too.
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TimingFilter> timingFilter(RequestTelemetry telemetry) {
		FilterRegistrationBean<TimingFilter> registration = new FilterRegistrationBean<>(new TimingFilter(telemetry));
		registration.setOrder(FilterOrder.TIMING);
		// An async request ends in its async dispatch, where it is timed and logged.
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

}
