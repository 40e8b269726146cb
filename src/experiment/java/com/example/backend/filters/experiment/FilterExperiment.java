package com.example.backend.filters.experiment;

import java.io.IOException;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

import com.example.backend.filters.FilterOrder;

/**
 * The filter overhead experiment ({@code load-tests/lab/filter-overhead.sh}). With this
 * profile the request filters of both variants are off, and
 * {@code app.filter-experiment.count} experiment filters take their place. Spring
 * Security and Spring Boot's own filters stay, so the baseline (count 0) is the
 * application as it is minus our filters.
 */
@Configuration(proxyBeanMethods = false)
@Profile("filter-experiment")
class FilterExperiment {

	private static final Logger log = LoggerFactory.getLogger(FilterExperiment.class);

	// A count known only at run time does not fit FilterRegistrationBean beans. Adding
	// the filters to the servlet context directly, in the order of the request filters
	// they replace (ahead of Spring Security), stacks them in order.
	@Bean
	ExperimentFilters experimentFilters(FilterExperimentSettings settings) {
		return new ExperimentFilters(settings);
	}

	private static final class ExperimentFilters implements ServletContextInitializer, Ordered {

		private final FilterExperimentSettings settings;

		ExperimentFilters(FilterExperimentSettings settings) {
			this.settings = settings;
		}

		@Override
		public int getOrder() {
			return FilterOrder.REQUEST_ID;
		}

		@Override
		public void onStartup(ServletContext context) {
			for (int i = 0; i < this.settings.count(); i++) {
				String name = "experimentFilter" + i;
				context.addFilter(name, filter(this.settings, i, name))
					.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
			}
			log.info("Filter experiment: {} {} filter(s), work {}", this.settings.count(), this.settings.kind(),
					this.settings.work());
		}

	}

	private static Filter filter(FilterExperimentSettings settings, int index, String name) {
		ExperimentWork work = work(settings, index);
		if (settings.kind() == FilterExperimentSettings.Kind.LOW) {
			return new LowExperimentFilter(work);
		}
		HighExperimentFilter filter = new HighExperimentFilter(work);
		filter.setBeanName(name);
		return filter;
	}

	private static ExperimentWork work(FilterExperimentSettings settings, int index) {
		try {
			return switch (settings.work()) {
				case NOOP -> ExperimentWork.NOOP;
				case SLEEP -> ExperimentWork.sleep(settings.sleep());
				case FILE_IO -> ExperimentWork.fileIo(ExperimentWork.fileFor(index));
			};
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open the experiment's log file", ex);
		}
	}

}
