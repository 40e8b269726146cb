package com.example.backend.experiment;

import java.time.Duration;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The slow things the experiment endpoints wait for. */
@Component
@Profile(SlowEndpointController.PROFILE)
class SlowDependencies {

	private final JdbcClient jdbc;

	SlowDependencies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Like a blocking HTTP call: the thread waits and does nothing. A platform thread
	 * stays taken for the whole wait; a virtual thread is unmounted and frees its
	 * carrier.
	 */
	void callSlowService(Duration latency) throws InterruptedException {
		Thread.sleep(latency.toMillis());
	}

	/**
	 * One statement outside any transaction: the connection is borrowed from the pool for
	 * the duration of the query and returned right after it.
	 */
	void runSlowQuery(Duration latency) {
		this.jdbc.sql("select 1 from pg_sleep(?)").param(latency.toMillis() / 1000.0).query(Integer.class).single();
	}

}
