package com.example.backend.users;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

import com.example.backend.access.Role;

/** A user as the API shows it: never the password hash or the token version. */
public record UserResponse(@Schema(minimum = "1") long id, @Schema(maxLength = 254) String email,
		@Schema(maxLength = 100) String displayName, Role role, Instant createdAt, Instant updatedAt, long version) {

	static UserResponse of(User user) {
		return new UserResponse(user.getId(), user.getEmail(), user.getDisplayName(), user.getRole(),
				user.getCreatedAt(), user.getUpdatedAt(), user.getVersion());
	}

}
