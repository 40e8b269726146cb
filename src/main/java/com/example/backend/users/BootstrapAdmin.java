package com.example.backend.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured first ADMIN, so that a fresh installation can be administered at
 * all; never a second one (see {@link UserService#createFirstAdmin}).
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private static final int MIN_PASSWORD_LENGTH = 12;

	private final BootstrapAdminSettings settings;

	private final UserService users;

	BootstrapAdmin(BootstrapAdminSettings settings, UserService users) {
		this.settings = settings;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.settings.configured()) {
			log.info("No bootstrap admin configured (app.bootstrap-admin.email/password)");
			return;
		}
		if (this.settings.password().length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException(
					"app.bootstrap-admin.password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		NewUser admin = new NewUser(this.settings.email(), this.settings.password(), this.settings.displayName());
		switch (this.users.createFirstAdmin(admin)) {
			case CREATED -> log.info("Created bootstrap admin {}", admin.email());
			case ADMIN_EXISTS -> log.info("An ADMIN exists: bootstrap admin {} not created", admin.email());
			case EMAIL_TAKEN -> log.warn("No ADMIN exists, but {} is taken by a non-admin account: not promoted; "
					+ "configure another bootstrap email", admin.email());
		}
	}

}
