package com.example.backend.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest possible endpoint: what the filter benchmark measures overhead against.
 */
@RestController
@Tag(name = "Operations")
class PingController {

	private static final Map<String, String> PONG = Map.of("status", "ok");

	@GetMapping("/api/v1/ping")
	@Operation(summary = "Liveness of the API itself, without touching the database")
	@AccessToken(AccessToken.Use.OPTIONAL)
	Map<String, String> ping() {
		return PONG;
	}

}
