package com.example.backend.users;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first ADMIN, created at start-up when no account has this email. Leave either value
 * empty to create none. The default profile sets development values; {@code prod} reads
 * them from the environment.
 */
@ConfigurationProperties("app.bootstrap-admin")
public record BootstrapAdminSettings(String email, String password, String displayName) {

	public BootstrapAdminSettings {
		if (displayName == null || displayName.isBlank()) {
			displayName = "Administrator";
		}
	}

	boolean configured() {
		return email != null && !email.isBlank() && password != null && !password.isBlank();
	}

}
