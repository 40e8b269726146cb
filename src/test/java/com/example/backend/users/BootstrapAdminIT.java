package com.example.backend.users;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap admin is created once per installation: a start with an admin already
 * there (say, after the bootstrap account was deleted by another admin) creates no
 * account from the password in the environment.
 */
class BootstrapAdminIT extends IntegrationTest {

	@Autowired
	private UserService users;

	@Test
	void noAccountIsCreatedFromTheEnvironmentWhileAnAdminExists() {
		String email = "deleted-bootstrap-" + UUID.randomUUID() + "@test.local";
		String password = "the-password-left-in-the-environment";

		new BootstrapAdmin(new BootstrapAdminSettings(email, password, "Bootstrap"), this.users).run(null);

		assertThat(this.api.post("/api/v1/auth/login", Map.of("email", email, "password", password)).status())
			.isEqualTo(401);
		assertThat(this.users.createFirstAdmin(new NewUser(email, password, "Bootstrap")))
			.isEqualTo(UserService.FirstAdmin.ADMIN_EXISTS);
	}

}
