package com.example.backend.filters;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the request filters promise, whichever variant is active: both subclasses run
 * every test here, so the two implementations cannot drift apart. The access log line is
 * written when the request ends, which may be just after the client has the response,
 * hence the waits.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(FilterProbes.class)
// Two extra application contexts live beside the shared one; they need few connections.
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=3")
abstract class FilterBehaviourSuite extends IntegrationTest {

	private static final String TIMING = "[0-9]+\\.[0-9]{3}";

	private static final Duration LOG_WAIT = Duration.ofSeconds(30);

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private FilterProbes.MdcWatcher mdcWatcher;

	@Autowired
	private ApplicationContext context;

	private Session user;

	/** The package of the variant that must be the only one active. */
	abstract String variantPackage();

	@BeforeEach
	void logIn() {
		this.user = this.api.newUser();
	}

	@Test
	void exactlyOneVariantIsActive() {
		Stream<Object> filters = Stream.concat(this.context.getBeansOfType(Filter.class).values().stream(),
				this.context.getBeansOfType(FilterRegistrationBean.class).values().stream().map(r -> r.getFilter()));
		Set<String> variants = filters.map(filter -> filter.getClass().getPackageName())
			.filter(name -> name.startsWith("com.example.backend.filters."))
			.collect(Collectors.toSet());

		assertThat(variants).containsExactly(variantPackage());
	}

	@Test
	void keepsASafeCallerRequestIdAndReplacesAnUnsafeOne() {
		assertThat(this.api.get("/api/v1/ping", "X-Request-Id", "client-req_42.a").header("X-Request-Id"))
			.isEqualTo("client-req_42.a");
		assertThat(this.api.get("/api/v1/ping", "X-Request-Id", "has space").header("X-Request-Id"))
			.matches("[A-Za-z0-9._-]{1,64}")
			.isNotEqualTo("has space");
	}

	@Test
	void everyAnswerCarriesRequestIdAndResponseTime() {
		Map<Integer, Response> answers = Map.of(200, this.api.get("/api/v1/ping"), //
				401, this.api.get("/api/v1/users/me"), //
				404, this.api.get("/api/v1/no-such-thing", this.user.auth()), //
				422, this.api.post("/api/v1/auth/register", "{}"), //
				204, this.api.get(FilterProbes.BASE + "/empty", this.user.auth()), //
				409, this.api.get(FilterProbes.BASE + "/send-error", this.user.auth()));

		answers.forEach((status, response) -> {
			assertThat(response.status()).isEqualTo(status);
			assertThat(response.header("X-Request-Id")).as("X-Request-Id on %s", status).isNotBlank();
			assertThat(response.header("X-Response-Time")).as("X-Response-Time on %s", status).matches(TIMING);
		});
	}

	@Test
	void problemsCarryTheRequestId() {
		assertThat(this.api.get("/api/v1/users/me", "X-Request-Id", "problem-401")
			.assertProblem(401, "unauthorized")
			.get("requestId")
			.asString()).isEqualTo("problem-401");
		String[] headers = { "X-Request-Id", "problem-404", this.user.auth()[0], this.user.auth()[1] };
		assertThat(this.api.get("/api/v1/no-such-thing", headers)
			.assertProblem(404, "not-found")
			.get("requestId")
			.asString()).isEqualTo("problem-404");
	}

	@Test
	void writesOneAccessLogLinePerRequest(CapturedOutput output) {
		String authenticated = uniqueId();
		String anonymous = uniqueId();
		this.api.get(FilterProbes.BASE + "/items/7", withId(authenticated, this.user.auth()));
		this.api.get("/api/v1/users/me", "X-Request-Id", anonymous);

		String line = awaitAccessLine(output, authenticated);
		assertThat(line).contains("method=GET path=" + FilterProbes.BASE + "/items/{id} status=200 durationMs=")
			.containsPattern("durationMs=" + TIMING + " ")
			.endsWith("requestId=" + authenticated + " userId=" + this.user.id());
		assertThat(awaitAccessLine(output, anonymous)).contains("method=GET path=UNMATCHED status=401 durationMs=")
			.endsWith("requestId=" + anonymous);
	}

	@Test
	void neverLogsTokensPasswordsOrQueryStrings(CapturedOutput output) {
		String id = uniqueId();
		this.api.get(FilterProbes.BASE + "/items/7?token=query-secret-4711", withId(id, this.user.auth()));
		this.api.post("/api/v1/auth/login", Map.of("email", this.user.email(), "password", "wrong-password-0815"),
				"X-Request-Id", id + "-login");

		awaitAccessLine(output, id);
		awaitAccessLine(output, id + "-login");
		assertThat(output.getAll()).doesNotContain(this.user.accessToken(), "query-secret-4711", "token=",
				"wrong-password-0815", Api.PASSWORD);
	}

	@Test
	void theMdcHoldsTheCurrentRequestIdAndNothingLeaksBetweenRequests(CapturedOutput output) {
		this.mdcWatcher.leaks.clear();
		List<String> ids = List.of(uniqueId(), uniqueId(), uniqueId());

		for (String id : ids) {
			Response response = this.api.get(FilterProbes.BASE + "/mdc", withId(id, this.user.auth()));
			assertThat(response.json().get("requestId").asString()).isEqualTo(id);
		}
		// A 401 from the security chain, an error dispatch and an async dispatch.
		this.api.get("/api/v1/users/me");
		this.api.get(FilterProbes.BASE + "/send-error", this.user.auth());
		this.api.get(FilterProbes.BASE + "/stream?size=100000", this.user.auth());

		for (int i = 1; i < ids.size(); i++) {
			assertThat(awaitAccessLine(output, ids.get(i))).doesNotContain(ids.get(i - 1));
		}
		assertThat(this.mdcWatcher.leaks).isEmpty();
	}

	@Test
	void theTimerCountsRequestsByTemplateAndStatus() {
		double before = count("/api/v1/filter-probe/items/{id}", "200");

		for (int i = 0; i < 3; i++) {
			this.api.get(FilterProbes.BASE + "/items/" + i, this.user.auth());
		}

		await().atMost(LOG_WAIT)
			.untilAsserted(() -> assertThat(count("/api/v1/filter-probe/items/{id}", "200")).isEqualTo(before + 3));
	}

	@Test
	void largeBodiesArriveIntact(CapturedOutput output) {
		String id = uniqueId();
		Response response = this.api.get(FilterProbes.BASE + "/large?size=5000000", withId(id, this.user.auth()));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(FilterProbes.body(5_000_000));
		assertThat(response.header("X-Request-Id")).isEqualTo(id);
		assertThat(response.header("X-Response-Time")).matches(TIMING);
		assertThat(awaitAccessLine(output, id)).contains("status=200");
	}

	@Test
	void streamedBodiesArriveIntact(CapturedOutput output) {
		String id = uniqueId();
		Response response = this.api.get(FilterProbes.BASE + "/stream?size=5000000", withId(id, this.user.auth()));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(FilterProbes.body(5_000_000));
		assertThat(response.header("X-Request-Id")).isEqualTo(id);
		assertThat(response.header("X-Response-Time")).matches(TIMING);
		assertThat(awaitAccessLine(output, id)).contains("path=" + FilterProbes.BASE + "/stream status=200")
			.contains("userId=" + this.user.id());
	}

	private double count(String uri, String status) {
		Timer timer = this.registry.find(RequestTelemetry.TIMER).tag("uri", uri).tag("status", status).timer();
		return (timer != null) ? timer.count() : 0;
	}

	/**
	 * Waits for the access log line of a request and checks that there is exactly one.
	 */
	private static String awaitAccessLine(CapturedOutput output, String requestId) {
		String marker = "requestId=" + requestId;
		await().atMost(LOG_WAIT).until(() -> !accessLines(output, marker).isEmpty());
		List<String> lines = accessLines(output, marker);
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private static List<String> accessLines(CapturedOutput output, String marker) {
		return output.getOut()
			.lines()
			.filter(line -> line.contains(" access ") && (line.endsWith(marker) || line.contains(marker + " ")))
			.map(line -> line.substring(line.indexOf("method=")))
			.toList();
	}

	private static String uniqueId() {
		return "it-" + UUID.randomUUID();
	}

	private static String[] withId(String requestId, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-Request-Id";
		all[1] = requestId;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

}
