package com.example.backend.experiment;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two endpoints whose service time is a known constant W, so that throughput can be
 * checked against Little's law: with N requests served at once, at most N / W requests
 * per second.
 */
@RestController
@Profile(SlowEndpointController.PROFILE)
@RequestMapping(SlowEndpointController.PATH)
class SlowEndpointController {

	static final String PROFILE = "slow-endpoints";

	static final String PATH = "/api/v1/experiment";

	private final SlowDependencies dependencies;

	SlowEndpointController(SlowDependencies dependencies) {
		this.dependencies = dependencies;
	}

	/**
	 * Blocks the request's thread for {@code ms} milliseconds, as a call to a slow
	 * downstream service would; N threads serve at most N / W requests per second.
	 */
	@GetMapping("/wait")
	Waited await(@RequestParam(defaultValue = "50") @Min(0) @Max(10_000) int ms) throws InterruptedException {
		this.dependencies.callSlowService(Duration.ofMillis(ms));
		return new Waited(ms, false);
	}

	/**
	 * Holds one pooled connection for {@code ms} milliseconds ({@code pg_sleep}); a pool
	 * of P connections serves at most P / W of these per second, whatever the threads.
	 */
	@GetMapping("/slow-query")
	Waited slowQuery(@RequestParam(defaultValue = "20") @Min(0) @Max(10_000) int ms) {
		this.dependencies.runSlowQuery(Duration.ofMillis(ms));
		return new Waited(ms, true);
	}

	record Waited(int waitedMs, boolean heldConnection) {
	}

}
