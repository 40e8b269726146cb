package com.example.backend.redis;

/**
 * Redis did not answer in time, failed, or is not being called because the circuit
 * breaker is open. Callers fall back; it never reaches a client.
 */
public class RedisUnavailable extends RuntimeException {

	RedisUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
