package com.example.backend.config;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id. BCrypt would be the usual choice, but it only reads
 * the first 72 bytes of a password (Spring Security rejects longer ones) while the
 * contract allows 128 characters. Hashes carry an {@code {id}} prefix, so the algorithm
 * or its parameters can change later without invalidating stored hashes; BCrypt hashes
 * are still verified for that reason.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		String current = "argon2";
		return new DelegatingPasswordEncoder(current, Map.of(current,
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}

}
