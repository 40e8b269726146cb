package com.example.backend.users;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.example.backend.web.VisibleText;

/**
 * A partial update: fields left out (or null) stay as they are. Changing one's own
 * password needs the current one. {@code version}, when given, must match the stored one
 * (optimistic locking).
 */
public record UpdateUserRequest(
		@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*",
				message = "must not be blank") @VisibleText String displayName,
		@Size(min = 8, max = 128) String password, @Size(max = 128) String currentPassword, Long version) {
}
