package com.example.backend.load;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The HTTP protocol every simulation uses: JSON, one connection per virtual user, and no
 * client-side cache: Gatling would otherwise send {@code If-None-Match} like a browser
 * and count cheap 304s, while the simulations measure the server doing the full work. No
 * automatic Referer or Origin either (see below).
 */
final class Http {

	private Http() {
	}

	static HttpProtocolBuilder protocol() {
		return http.baseUrl(LoadSettings.baseUrl())
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			.userAgentHeader("reference-backend load test (Gatling)")
			.disableCaching()
			// An API client, not a browser: Gatling would otherwise take the URL of the
			// last
			// HTML page it saw (a proxy's 502 page, say) as the Referer and derive an
			// Origin
			// from it, and the service rightly refuses every POST from a foreign origin
			// (403).
			.disableAutoReferer()
			.disableAutoOrigin();
	}

}
