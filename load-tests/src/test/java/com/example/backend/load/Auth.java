package com.example.backend.load;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What a real client does with its tokens: refresh the access token shortly before it
 * expires.
 */
final class Auth {

	/** Refresh this long before expiry, so that no request goes out with a dead token. */
	private static final long MARGIN_MILLIS = 5_000;

	static final String BEARER = "Bearer #{accessToken}";

	private Auth() {
	}

	static ChainBuilder refreshWhenExpiring() {
		return doIf(session -> session.getLong("expiresAt") - System.currentTimeMillis() < MARGIN_MILLIS)
			.then(exec(http("refresh token").post("/api/v1/auth/refresh")
				.body(StringBody("{\"refreshToken\":\"#{refreshToken}\"}"))
				.check(status().is(200), jmesPath("accessToken").saveAs("accessToken"),
						jmesPath("refreshToken").saveAs("refreshToken"),
						jmesPath("expiresIn").ofLong().saveAs("expiresIn")))
				.exec(session -> session.set("expiresAt", expiresAt(session.getLong("expiresIn")))));
	}

	/**
	 * When a token of this lifetime must be refreshed. {@code -DtokenTtlSeconds} makes
	 * the client treat tokens as shorter-lived than the server says, so that even a run
	 * of a few seconds refreshes (the smoke run in {@code ./mvnw verify} does).
	 */
	static long expiresAt(long expiresInSeconds) {
		long seconds = Math.min(expiresInSeconds, Long.getLong("tokenTtlSeconds", Long.MAX_VALUE / 2000));
		return System.currentTimeMillis() + seconds * 1000;
	}

}
