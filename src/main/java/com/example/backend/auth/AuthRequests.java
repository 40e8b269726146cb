package com.example.backend.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.example.backend.web.VisibleText;

/** Request bodies of the auth endpoints. Emails are trimmed as they are read. */
final class AuthRequests {

	private AuthRequests() {
	}

	/**
	 * Only ASCII addresses: every one of them has exactly one normalised form
	 * ({@code users.Emails}), so no account can be registered that looks like another's.
	 */
	record RegisterRequest(
			@Schema(example = "you@example.com") @NotBlank @Email @Size(max = 254) @Pattern(regexp = "\\p{ASCII}*",
					message = "must contain ASCII characters only") String email,
			@Schema(example = "correct horse battery staple") @NotNull @Size(min = 8, max = 128) String password,
			@Schema(example = "You") @NotBlank @Size(max = 100) @VisibleText String displayName) {

		RegisterRequest {
			email = (email != null) ? email.trim() : null;
		}

	}

	record LoginRequest(@Schema(example = "alice@example.com") @NotBlank @Size(max = 254) String email,
			@Schema(example = "demo-password") @NotBlank @Size(max = 128) String password) {

		LoginRequest {
			email = (email != null) ? email.trim() : null;
		}

	}

	record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
	}

}
