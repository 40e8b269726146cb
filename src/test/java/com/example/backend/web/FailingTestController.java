package com.example.backend.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoint (picked up by component scanning of the test classpath) that fails
 * unexpectedly.
 */
@RestController
class FailingTestController {

	static final String SECRET_DETAIL = "select password_hash from users -- internal detail";

	@GetMapping("/api/v1/test/unexpected-failure")
	String fail() {
		throw new IllegalStateException(SECRET_DETAIL);
	}

}
