package com.example.backend.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator relies on when something goes wrong: the trace id in problem+json, and
 * log lines (ECS JSON in {@code prod}) that name the request, the user and the trace.
 */
class ObservabilityIT extends IntegrationTest {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	private final List<ILoggingEvent> events = new ArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected synchronized void append(ILoggingEvent event) {
			// Takes the MDC now, on the server thread, while it is set.
			event.prepareForDeferredProcessing();
			ObservabilityIT.this.events.add(event);
		}

	};

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void captureLogs() {
		this.appender.start();
		root().addAppender(this.appender);
		// The access log has an appender of its own (asynchronous, see
		// logback-spring.xml) and does not pass its lines on to the root logger.
		accessLog().addAppender(this.appender);
	}

	@AfterEach
	void stopCapturing() {
		root().detachAppender(this.appender);
		accessLog().detachAppender(this.appender);
	}

	@Test
	void problemsCarryTheTraceIdOfTheRequest() {
		Response unauthorized = this.api.get("/api/v1/users/me");
		Response notFound = this.api.get("/api/v1/posts/999999999");

		assertThat(unauthorized.json().get("traceId").asString()).matches(TRACE_ID);
		assertThat(notFound.json().get("traceId").asString()).matches(TRACE_ID)
			.isNotEqualTo(unauthorized.json().get("traceId").asString());
	}

	@Test
	void logLinesNameTheRequestTheUserAndTheTrace() {
		Session user = this.api.newUser();
		String requestId = "observability-" + System.nanoTime();

		Response failed = this.api.get("/api/v1/test/unexpected-failure", user.authWith("X-Request-Id", requestId));

		String traceId = failed.json().get("traceId").asString();
		String errorLine = ecs(awaitEvent((event) -> event.getLoggerName().endsWith("ApiExceptionHandler")
				&& requestId.equals(event.getMDCPropertyMap().get("requestId"))));
		String accessLine = ecs(awaitEvent((event) -> event.getLoggerName().equals("access")
				&& requestId.equals(event.getMDCPropertyMap().get("requestId"))));
		assertThat(errorLine).contains("\"requestId\":\"" + requestId + "\"", "\"userId\":\"" + user.id() + "\"",
				"\"traceId\":\"" + traceId + "\"");
		assertThat(accessLine).contains("\"requestId\":\"" + requestId + "\"", "\"userId\":" + user.id(),
				"\"traceId\":\"" + traceId + "\"");
	}

	@Test
	void thereIsNoDefaultUserAndSoNoGeneratedPassword() {
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	private ILoggingEvent awaitEvent(Predicate<ILoggingEvent> wanted) {
		// The access line is written after the response has been sent.
		return await().atMost(Duration.ofSeconds(20)).alias("the wanted log line").until(() -> {
			synchronized (this.appender) {
				return this.events.stream().filter(wanted).findFirst();
			}
		}, Optional::isPresent).get();
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static Logger accessLog() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("access");
	}

	private static String ecs(ILoggingEvent event) {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

}
